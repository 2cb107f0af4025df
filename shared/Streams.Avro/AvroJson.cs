using System.Text.Json;

namespace Streams.Avro;

/// <summary>Reads values written in the Avro JSON encoding into the generic representation.</summary>
public static class AvroJson
{
    /// <summary>Decodes a value in the Avro JSON encoding, where a non-null union value is wrapped as <c>{"branch name": value}</c>.</summary>
    /// <param name="schema">The value's schema.</param>
    /// <param name="json">The JSON value.</param>
    /// <returns>The value in the generic representation.</returns>
    /// <exception cref="AvroException">The JSON does not match the schema.</exception>
    public static object? Decode(AvroSchema schema, JsonElement json)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Decode(schema, json, unionsAreWrapped: true);
    }

    /// <summary>
    /// Decodes JSON against a schema; with <paramref name="unionsAreWrapped"/> false it reads field defaults,
    /// where a union value is bare and of the union's first branch.
    /// </summary>
    internal static object? Decode(AvroSchema schema, JsonElement json, bool unionsAreWrapped)
    {
        switch (schema)
        {
            case PrimitiveSchema primitive:
                return DecodePrimitive(primitive, json);
            case RecordSchema record:
                Expect(schema, json, JsonValueKind.Object);
                var value = new GenericRecord(record);
                foreach (var field in record.Fields)
                {
                    value[field.Position] = json.TryGetProperty(field.Name, out var fieldJson)
                        ? Decode(field.Schema, fieldJson, unionsAreWrapped)
                        : field.HasDefault
                            ? GenericValues.DeepCopy(field.DefaultValue)
                            : throw new AvroException($"Record '{record.FullName}' needs a value for field '{field.Name}', which has no default.");
                }

                return value;
            case EnumSchema enumSchema:
                Expect(schema, json, JsonValueKind.String);
                return enumSchema.GetValue(json.GetString()!);
            case FixedSchema fixedSchema:
                var bytes = DecodeBytes(schema, json);
                return fixedSchema.LogicalType is null
                    ? new GenericFixed(fixedSchema, bytes)
                    : bytes.Length == fixedSchema.Size
                        ? LogicalValues.FromBytes(bytes, fixedSchema.LogicalType)
                        : throw new AvroException($"Fixed '{fixedSchema.FullName}' needs {fixedSchema.Size} bytes, got {bytes.Length}.");
            case ArraySchema array:
                Expect(schema, json, JsonValueKind.Array);
                return json.EnumerateArray().Select(item => Decode(array.Items, item, unionsAreWrapped)).ToList();
            case MapSchema map:
                Expect(schema, json, JsonValueKind.Object);
                return json.EnumerateObject().ToDictionary(p => p.Name, p => Decode(map.Values, p.Value, unionsAreWrapped), StringComparer.Ordinal);
            case UnionSchema union:
                return DecodeUnion(union, json, unionsAreWrapped);
            default:
                throw new ArgumentOutOfRangeException(nameof(schema), schema.Type, null);
        }
    }

    private static object? DecodeUnion(UnionSchema union, JsonElement json, bool unionsAreWrapped)
    {
        if (!unionsAreWrapped)
        {
            return Decode(union.Branches[0], json, unionsAreWrapped);
        }

        if (json.ValueKind == JsonValueKind.Null)
        {
            return union.Branches.Any(b => b.Type == AvroType.Null)
                ? null
                : throw new AvroException("null given for a union without a null branch.");
        }

        if (json.ValueKind != JsonValueKind.Object || json.EnumerateObject().Count() != 1)
        {
            throw new AvroException($"A non-null union value must be an object with one property naming the branch, not {json.GetRawText()}.");
        }

        var property = json.EnumerateObject().First();
        var branch = union.Branches.FirstOrDefault(b => BranchName(b) == property.Name)
            ?? throw new AvroException($"The union has no branch named '{property.Name}'.");
        return Decode(branch, property.Value, unionsAreWrapped);
    }

    private static string BranchName(AvroSchema schema) =>
        schema is NamedSchema named ? named.FullName : AvroSchema.TypeName(schema.Type);

    private static object? DecodePrimitive(PrimitiveSchema schema, JsonElement json)
    {
        switch (schema.Type)
        {
            case AvroType.Null:
                Expect(schema, json, JsonValueKind.Null);
                return null;
            case AvroType.Boolean:
                return json.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Mismatch(schema, json),
                };
            case AvroType.Int:
                Expect(schema, json, JsonValueKind.Number);
                return json.TryGetInt32(out var intValue) ? intValue : throw Mismatch(schema, json);
            case AvroType.Long:
                Expect(schema, json, JsonValueKind.Number);
                return json.TryGetInt64(out var longValue) ? LogicalValues.FromLong(longValue, schema.LogicalType) : throw Mismatch(schema, json);
            case AvroType.Float:
                Expect(schema, json, JsonValueKind.Number);
                return (float)json.GetDouble();
            case AvroType.Double:
                Expect(schema, json, JsonValueKind.Number);
                return json.GetDouble();
            case AvroType.Bytes:
                return LogicalValues.FromBytes(DecodeBytes(schema, json), schema.LogicalType);
            default:
                Expect(schema, json, JsonValueKind.String);
                return LogicalValues.FromString(json.GetString()!, schema.LogicalType);
        }
    }

    /// <summary>Bytes and fixed are JSON strings whose code points 0-255 are the byte values.</summary>
    private static byte[] DecodeBytes(AvroSchema schema, JsonElement json)
    {
        Expect(schema, json, JsonValueKind.String);
        var text = json.GetString()!;
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = text[i] <= 0xFF ? (byte)text[i] : throw new AvroException($"Character U+{(int)text[i]:X4} cannot stand for a byte in {schema.Describe()}.");
        }

        return bytes;
    }

    private static void Expect(AvroSchema schema, JsonElement json, JsonValueKind kind)
    {
        if (json.ValueKind != kind)
        {
            throw Mismatch(schema, json);
        }
    }

    private static AvroException Mismatch(AvroSchema schema, JsonElement json) =>
        new($"JSON {json.GetRawText()} is not a valid {schema.Describe()} value.");
}

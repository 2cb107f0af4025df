using Avro;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Streams.SchemaRegistry.Api;

/// <summary>
/// Checks field defaults against their fields' types, by the specification's table of default values (a union's
/// default is of its first branch). Apache.Avro parses a schema whatever its defaults hold, so
/// <c>{"name":"n","type":"int","default":"text"}</c> would be accepted, and fail only when a reader needs the default.
/// </summary>
internal static class AvroDefaultValues
{
    /// <summary>The first field whose default does not fit its type, described; null when all fit.</summary>
    public static string? FirstInvalid(Schema schema) => FirstInvalid(schema, new HashSet<string>(StringComparer.Ordinal));

    private static string? FirstInvalid(Schema schema, HashSet<string> seenRecords) => schema switch
    {
        RecordSchema record when seenRecords.Add(record.Fullname) => record.Fields
            .Select(field => field.DefaultValue is { } value && !Fits(field.Schema, value)
                ? $"the default {value.ToString(Formatting.None)} of field '{field.Name}' in record '{record.Fullname}' is not {Expected(field.Schema)}."
                : FirstInvalid(field.Schema, seenRecords))
            .FirstOrDefault(problem => problem is not null),
        ArraySchema array => FirstInvalid(array.ItemSchema, seenRecords),
        MapSchema map => FirstInvalid(map.ValueSchema, seenRecords),
        UnionSchema union => union.Schemas.Select(branch => FirstInvalid(branch, seenRecords)).FirstOrDefault(problem => problem is not null),
        _ => null,
    };

    private static string Expected(Schema schema) => schema is UnionSchema { Count: > 0 } union
        ? $"a {union.Schemas[0].Name} value, as a union's default is of its first branch"
        : $"a {schema.Name} value";

    private static bool Fits(Schema schema, JToken value) => schema switch
    {
        LogicalSchema logical => Fits(logical.BaseSchema, value),
        UnionSchema union => union.Count > 0 && Fits(union.Schemas[0], value),
        RecordSchema record => value is JObject fields && record.Fields.All(field =>
            fields.TryGetValue(field.Name, StringComparison.Ordinal, out var fieldValue) ? Fits(field.Schema, fieldValue) : field.DefaultValue is not null),
        EnumSchema enumSchema => value is JValue { Value: string symbol } && enumSchema.Contains(symbol),
        ArraySchema array => value is JArray items && items.All(item => Fits(array.ItemSchema, item)),
        MapSchema map => value is JObject entries && entries.Properties().All(entry => Fits(map.ValueSchema, entry.Value)),
        _ => schema.Tag switch
        {
            Schema.Type.Null => value.Type == JTokenType.Null,
            Schema.Type.Boolean => value.Type == JTokenType.Boolean,
            Schema.Type.Int => value is JValue { Value: long number } && number is >= int.MinValue and <= int.MaxValue,
            Schema.Type.Long => value is JValue { Value: long },
            Schema.Type.Float or Schema.Type.Double => value.Type is JTokenType.Integer or JTokenType.Float,
            // Newtonsoft, as Apache.Avro calls it, reads an ISO 8601-looking string as a date; it was a JSON string all the same.
            Schema.Type.String or Schema.Type.Bytes or Schema.Type.Fixed => value.Type is JTokenType.String or JTokenType.Date,
            _ => false,
        },
    };
}

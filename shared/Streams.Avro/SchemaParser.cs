using System.Text.Json;

namespace Streams.Avro;

/// <summary>Parses one schema document, keeping the named types defined so far for later references.</summary>
internal sealed class SchemaParser
{
    private readonly Dictionary<string, NamedSchema> _names = new(StringComparer.Ordinal);

    // Defaults are parsed last: a default may hold a value of a named type whose fields are not parsed yet.
    private readonly List<(RecordSchema Record, AvroField Field, JsonElement Json)> _defaults = [];

    private SchemaParser()
    {
    }

    public static AvroSchema Parse(JsonElement json)
    {
        var parser = new SchemaParser();
        var schema = parser.ParseSchema(json, null);
        foreach (var (record, field, value) in parser._defaults)
        {
            try
            {
                field.SetDefault(AvroJson.Decode(field.Schema, value, unionsAreWrapped: false));
            }
            catch (AvroException ex)
            {
                throw new AvroSchemaException($"Bad default for field '{field.Name}' of record '{record.FullName}': {ex.Message}", ex);
            }
        }

        return schema;
    }

    private AvroSchema ParseSchema(JsonElement json, string? enclosingNamespace) => json.ValueKind switch
    {
        JsonValueKind.String => ResolveReference(json.GetString()!, enclosingNamespace),
        JsonValueKind.Array => ParseUnion(json, enclosingNamespace),
        JsonValueKind.Object => ParseObject(json, enclosingNamespace),
        _ => throw new AvroSchemaException($"A schema must be a JSON string, object or array, not {json.ValueKind}: {json.GetRawText()}"),
    };

    private AvroSchema ResolveReference(string name, string? enclosingNamespace)
    {
        if (PrimitiveSchema.TryGetType(name, out var primitive))
        {
            return PrimitiveSchema.Of(primitive);
        }

        var fullName = SchemaName.Resolve(name, null, enclosingNamespace).FullName;

        // Like the Java implementation, an unqualified name that is not in the enclosing namespace may be in the null namespace.
        if (_names.TryGetValue(fullName, out var named) || (!name.Contains('.', StringComparison.Ordinal) && _names.TryGetValue(name, out named)))
        {
            return named;
        }

        throw new AvroSchemaException($"Unknown type '{name}': it is neither a primitive type nor a named type defined earlier in the schema.");
    }

    private UnionSchema ParseUnion(JsonElement json, string? enclosingNamespace)
    {
        var branches = new List<AvroSchema>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in json.EnumerateArray())
        {
            var branch = ParseSchema(element, enclosingNamespace);
            if (branch is UnionSchema)
            {
                throw new AvroSchemaException("A union may not immediately contain another union.");
            }

            var key = branch is NamedSchema named ? named.FullName : AvroSchema.TypeName(branch.Type);
            if (!seen.Add(key))
            {
                throw new AvroSchemaException($"A union may not contain more than one '{key}' branch.");
            }

            branches.Add(branch);
        }

        return branches.Count > 0 ? new UnionSchema(branches) : throw new AvroSchemaException("A union must have at least one branch.");
    }

    private AvroSchema ParseObject(JsonElement json, string? enclosingNamespace)
    {
        if (!json.TryGetProperty("type", out var typeJson))
        {
            throw new AvroSchemaException($"Schema object has no 'type': {json.GetRawText()}");
        }

        if (typeJson.ValueKind != JsonValueKind.String)
        {
            throw new AvroSchemaException($"The 'type' of a schema object must be a string: {json.GetRawText()}");
        }

        var type = typeJson.GetString()!;
        if (PrimitiveSchema.TryGetType(type, out var primitive))
        {
            var logicalType = ParseLogicalType(json, primitive, 0);
            return logicalType is null ? PrimitiveSchema.Of(primitive) : new PrimitiveSchema(primitive, logicalType);
        }

        return type switch
        {
            "record" or "error" => ParseRecord(json, enclosingNamespace),
            "enum" => ParseEnum(json, enclosingNamespace),
            "fixed" => ParseFixed(json, enclosingNamespace),
            "array" => new ArraySchema(ParseSchema(RequiredProperty(json, "items", "array"), enclosingNamespace)),
            "map" => new MapSchema(ParseSchema(RequiredProperty(json, "values", "map"), enclosingNamespace)),
            _ => ResolveReference(type, enclosingNamespace),
        };
    }

    private RecordSchema ParseRecord(JsonElement json, string? enclosingNamespace)
    {
        var name = ParseName(json, enclosingNamespace, "record");
        var record = new RecordSchema(name, ParseAliases(json, name), OptionalString(json, "doc"));
        Register(record);

        var fieldsJson = RequiredProperty(json, "fields", $"record '{name.FullName}'");
        if (fieldsJson.ValueKind != JsonValueKind.Array)
        {
            throw new AvroSchemaException($"The 'fields' of record '{name.FullName}' must be an array.");
        }

        var fields = new List<AvroField>();
        var fieldNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fieldJson in fieldsJson.EnumerateArray())
        {
            var field = ParseField(fieldJson, record, fields.Count);
            if (!fieldNames.Add(field.Name))
            {
                throw new AvroSchemaException($"Record '{name.FullName}' has more than one field named '{field.Name}'.");
            }

            fields.Add(field);
        }

        record.SetFields(fields);
        return record;
    }

    private AvroField ParseField(JsonElement json, RecordSchema record, int position)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new AvroSchemaException($"A field of record '{record.FullName}' must be a JSON object: {json.GetRawText()}");
        }

        var name = OptionalString(json, "name")
            ?? throw new AvroSchemaException($"Field {position} of record '{record.FullName}' is missing its 'name'.");
        if (!SchemaName.IsValidName(name))
        {
            throw new AvroSchemaException($"Field name '{name}' of record '{record.FullName}' is not a valid Avro name.");
        }

        var schema = ParseSchema(RequiredProperty(json, "type", $"field '{name}' of record '{record.FullName}'"), record.Namespace);
        var order = OptionalString(json, "order");
        if (order is not null and not ("ascending" or "descending" or "ignore"))
        {
            throw new AvroSchemaException($"Field '{name}' of record '{record.FullName}' has order '{order}'; expected ascending, descending or ignore.");
        }

        var aliases = StringArray(json, "aliases", $"field '{name}'");
        if (aliases.FirstOrDefault(a => !SchemaName.IsValidName(a)) is { } badAlias)
        {
            throw new AvroSchemaException($"Alias '{badAlias}' of field '{name}' is not a valid Avro name.");
        }

        var field = new AvroField(name, position, schema, aliases, OptionalString(json, "doc"));
        if (json.TryGetProperty("default", out var defaultJson))
        {
            _defaults.Add((record, field, defaultJson.Clone()));
        }

        return field;
    }

    private EnumSchema ParseEnum(JsonElement json, string? enclosingNamespace)
    {
        var name = ParseName(json, enclosingNamespace, "enum");
        _ = RequiredProperty(json, "symbols", $"enum '{name.FullName}'");
        var symbols = StringArray(json, "symbols", $"enum '{name.FullName}'");
        var unique = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in symbols)
        {
            if (!SchemaName.IsValidName(symbol))
            {
                throw new AvroSchemaException($"Symbol '{symbol}' of enum '{name.FullName}' is not a valid Avro name.");
            }

            if (!unique.Add(symbol))
            {
                throw new AvroSchemaException($"Enum '{name.FullName}' has the symbol '{symbol}' more than once.");
            }
        }

        var defaultSymbol = OptionalString(json, "default");
        if (defaultSymbol is not null && !unique.Contains(defaultSymbol))
        {
            throw new AvroSchemaException($"Bad default for enum '{name.FullName}': '{defaultSymbol}' is not one of its symbols.");
        }

        var schema = new EnumSchema(name, ParseAliases(json, name), OptionalString(json, "doc"), symbols, defaultSymbol);
        Register(schema);
        return schema;
    }

    private FixedSchema ParseFixed(JsonElement json, string? enclosingNamespace)
    {
        var name = ParseName(json, enclosingNamespace, "fixed");
        var sizeJson = RequiredProperty(json, "size", $"fixed '{name.FullName}'");
        if (sizeJson.ValueKind != JsonValueKind.Number || !sizeJson.TryGetInt32(out var size) || size < 0)
        {
            throw new AvroSchemaException($"The 'size' of fixed '{name.FullName}' must be a non-negative integer, not {sizeJson.GetRawText()}.");
        }

        var schema = new FixedSchema(name, ParseAliases(json, name), OptionalString(json, "doc"), size, ParseLogicalType(json, AvroType.Fixed, size));
        Register(schema);
        return schema;
    }

    private void Register(NamedSchema schema)
    {
        if (!_names.TryAdd(schema.FullName, schema))
        {
            throw new AvroSchemaException($"Duplicate name: '{schema.FullName}' is defined more than once.");
        }
    }

    private static SchemaName ParseName(JsonElement json, string? enclosingNamespace, string kind)
    {
        var rawName = OptionalString(json, "name") ?? throw new AvroSchemaException($"A {kind} schema is missing its 'name': {json.GetRawText()}");
        var explicitNamespace = OptionalString(json, "namespace");
        var name = SchemaName.Resolve(rawName, explicitNamespace, enclosingNamespace);
        if (!SchemaName.IsValidName(name.Name) || !SchemaName.IsValidNamespace(name.Namespace))
        {
            throw new AvroSchemaException($"'{name.FullName}' is not a valid Avro {kind} name.");
        }

        if (PrimitiveSchema.TryGetType(name.Name, out _))
        {
            throw new AvroSchemaException($"A {kind} may not be named '{name.Name}': primitive type names cannot be redefined.");
        }

        return name;
    }

    private static List<string> ParseAliases(JsonElement json, SchemaName name)
    {
        var aliases = new List<string>();
        foreach (var alias in StringArray(json, "aliases", $"'{name.FullName}'"))
        {
            var resolved = SchemaName.Resolve(alias, null, name.Namespace);
            if (!SchemaName.IsValidName(resolved.Name) || !SchemaName.IsValidNamespace(resolved.Namespace))
            {
                throw new AvroSchemaException($"Alias '{alias}' of '{name.FullName}' is not a valid Avro name.");
            }

            aliases.Add(resolved.FullName);
        }

        return aliases;
    }

    /// <summary>Returns the logical type, or null when the annotation is absent, unknown or invalid: the spec says to ignore those.</summary>
    private static AvroLogicalType? ParseLogicalType(JsonElement json, AvroType type, int fixedSize) =>
        (json.TryGetProperty("logicalType", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null) switch
        {
            "decimal" when type is AvroType.Bytes or AvroType.Fixed => ParseDecimal(json, type, fixedSize),
            "uuid" when type is AvroType.String => AvroLogicalType.Uuid,
            "timestamp-millis" when type is AvroType.Long => AvroLogicalType.TimestampMillis,
            "timestamp-micros" when type is AvroType.Long => AvroLogicalType.TimestampMicros,
            _ => null,
        };

    private static AvroLogicalType? ParseDecimal(JsonElement json, AvroType type, int fixedSize)
    {
        if (!TryGetInt(json, "precision", out var precision) || precision <= 0)
        {
            return null;
        }

        var scale = 0;
        if (json.TryGetProperty("scale", out _) && (!TryGetInt(json, "scale", out scale) || scale < 0))
        {
            return null;
        }

        // A fixed of n bytes holds two's-complement numbers up to 2^(8n-1)-1, so floor(log10 of that) whole digits.
        var fits = type != AvroType.Fixed || precision <= Math.Floor(((8.0 * fixedSize) - 1) * Math.Log10(2));
        return scale <= precision && fits ? AvroLogicalType.Decimal(precision, scale) : null;
    }

    private static bool TryGetInt(JsonElement json, string property, out int value)
    {
        value = 0;
        return json.TryGetProperty(property, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out value);
    }

    private static JsonElement RequiredProperty(JsonElement json, string property, string owner) =>
        json.TryGetProperty(property, out var value)
            ? value
            : throw new AvroSchemaException($"The {owner} schema is missing its '{property}': {json.GetRawText()}");

    private static string? OptionalString(JsonElement json, string property)
    {
        if (!json.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new AvroSchemaException($"The '{property}' attribute must be a string, not {value.GetRawText()}.");
    }

    private static List<string> StringArray(JsonElement json, string property, string owner)
    {
        if (!json.TryGetProperty(property, out var value))
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new AvroSchemaException($"The '{property}' of {owner} must be an array of strings.");
        }

        return value.EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}

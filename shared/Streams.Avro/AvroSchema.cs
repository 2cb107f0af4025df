using System.Text.Json;

namespace Streams.Avro;

/// <summary>A parsed Avro schema.</summary>
/// <remarks>Schemas are immutable once parsed and may be shared between threads.</remarks>
public abstract class AvroSchema
{
    private string? _canonicalForm;

    private protected AvroSchema(AvroType type, AvroLogicalType? logicalType)
    {
        Type = type;
        LogicalType = logicalType;
    }

    /// <summary>The schema's type.</summary>
    public AvroType Type { get; }

    /// <summary>The valid logical type annotation, or <see langword="null"/> if there is none.</summary>
    public AvroLogicalType? LogicalType { get; }

    /// <summary>Parses a schema from its JSON text.</summary>
    /// <param name="json">The schema JSON.</param>
    /// <returns>The parsed schema.</returns>
    /// <exception cref="AvroSchemaException">The text is not JSON or not a valid schema.</exception>
    public static AvroSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new AvroSchemaException($"Schema is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    /// <summary>Parses a schema from a JSON element.</summary>
    /// <param name="json">The schema JSON.</param>
    /// <returns>The parsed schema.</returns>
    /// <exception cref="AvroSchemaException">The JSON is not a valid schema.</exception>
    public static AvroSchema Parse(JsonElement json) => SchemaParser.Parse(json);

    /// <summary>The Parsing Canonical Form of the schema, as defined by the specification.</summary>
    /// <returns>The canonical JSON text.</returns>
    public string ToCanonicalForm() => _canonicalForm ??= CanonicalForm.Write(this);

    /// <summary>Returns the Parsing Canonical Form.</summary>
    /// <returns>The canonical JSON text.</returns>
    public override string ToString() => ToCanonicalForm();

    internal static string TypeName(AvroType type) => type switch
    {
        AvroType.Null => "null",
        AvroType.Boolean => "boolean",
        AvroType.Int => "int",
        AvroType.Long => "long",
        AvroType.Float => "float",
        AvroType.Double => "double",
        AvroType.Bytes => "bytes",
        AvroType.String => "string",
        AvroType.Record => "record",
        AvroType.Enum => "enum",
        AvroType.Array => "array",
        AvroType.Map => "map",
        AvroType.Union => "union",
        AvroType.Fixed => "fixed",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>Describes the schema in error messages: the type, plus the name or logical type when there is one.</summary>
    internal string Describe() => this switch
    {
        NamedSchema named => $"{TypeName(Type)} '{named.FullName}'",
        _ when LogicalType is not null => $"{TypeName(Type)} ({LogicalType.Name})",
        _ => TypeName(Type),
    };
}

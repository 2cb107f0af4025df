using NJsonSchema;
using Streams.Envelope;

namespace Streams.Normaliser.Normalisation;

/// <summary>
/// JSON Schemas for event payloads, one per type, from <c>&lt;type&gt;.json</c> files in a folder
/// (NJsonSchema: drafts 4 to 7).
/// </summary>
public sealed class PayloadSchemas
{
    private const int ErrorsInReason = 3;
    private readonly Dictionary<string, JsonSchema> _schemas;
    private readonly bool _rejectUnknownTypes;

    /// <summary>Initializes a new instance of the <see cref="PayloadSchemas"/> class.</summary>
    /// <param name="schemas">Schema per event type.</param>
    /// <param name="rejectUnknownTypes">Whether a type without a schema fails validation.</param>
    public PayloadSchemas(IReadOnlyDictionary<string, JsonSchema> schemas, bool rejectUnknownTypes)
    {
        ArgumentNullException.ThrowIfNull(schemas);
        _schemas = schemas.ToDictionary(StringComparer.Ordinal);
        _rejectUnknownTypes = rejectUnknownTypes;
    }

    /// <summary>How many types have a schema.</summary>
    public int Count => _schemas.Count;

    /// <summary>
    /// Loads every <c>*.json</c> file of <paramref name="folder"/> (none when empty); the type is the file name
    /// without <c>.json</c>. Throws <see cref="InvalidDataException"/> naming the file when one is not a schema.
    /// </summary>
    public static PayloadSchemas Load(string folder, bool rejectUnknownTypes)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        if (folder.Length > 0)
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                schemas[Path.GetFileNameWithoutExtension(file)] = LoadFile(file);
            }
        }

        return new PayloadSchemas(schemas, rejectUnknownTypes);
    }

    /// <summary>Parses one schema file; throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static JsonSchema LoadFile(string file)
    {
        try
        {
            // Start-up only: schemas load once, before the consumer starts.
            return JsonSchema.FromJsonAsync(File.ReadAllText(file)).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is Newtonsoft.Json.JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            throw new InvalidDataException($"'{file}' is not a JSON Schema: {exception.Message}", exception);
        }
    }

    /// <summary>Checks an event's payload against its type's schema; returns why it fails, or null.</summary>
    /// <param name="cloudEvent">The canonical event.</param>
    public string? Validate(CloudEventEnvelope cloudEvent)
    {
        ArgumentNullException.ThrowIfNull(cloudEvent);
        var type = cloudEvent.Type;
        if (!_schemas.TryGetValue(type, out var schema))
        {
            return _rejectUnknownTypes ? $"no schema for type '{type}' and unknown types are rejected" : null;
        }

        if (cloudEvent.Data is not null && cloudEvent.DataEncoding == EnvelopeDataEncoding.Binary)
        {
            return $"type '{type}' has a schema, so its data must be JSON, not data_base64";
        }

        var data = cloudEvent.Data is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : "null";
        var errors = schema.Validate(data);
        if (errors.Count == 0)
        {
            return null;
        }

        var shown = string.Join("; ", errors.Take(ErrorsInReason).Select(e => $"{e.Kind} at {e.Path}"));
        var more = errors.Count > ErrorsInReason ? $" (+{errors.Count - ErrorsInReason} more)" : "";
        return $"data does not match the schema of '{type}': {shown}{more}";
    }
}

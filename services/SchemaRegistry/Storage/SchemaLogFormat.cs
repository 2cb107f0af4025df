using System.Text.Json;
using Streams.SchemaRegistry.Compatibility;

namespace Streams.SchemaRegistry.Storage;

/// <summary>
/// Keys and values of the <c>_schemas</c> topic, in the JSON layout Confluent's registry uses
/// (<c>{"keytype":"SCHEMA","subject":..,"version":..,"magic":1}</c> → <c>{"subject","version","id","schema","deleted"}</c>;
/// <c>{"keytype":"CONFIG","subject":..,"magic":0}</c> → <c>{"compatibilityLevel":..}</c>), so the key of each
/// fact is stable and compaction keeps only its latest value.
/// </summary>
internal static class SchemaLogFormat
{
    public static byte[] SchemaKey(string subject, int version) => Write(writer =>
    {
        writer.WriteString("keytype", "SCHEMA");
        writer.WriteString("subject", subject);
        writer.WriteNumber("version", version);
        writer.WriteNumber("magic", 1);
    });

    public static byte[] SchemaValue(SchemaVersion entry) => Write(writer =>
    {
        writer.WriteString("subject", entry.Subject);
        writer.WriteNumber("version", entry.Version);
        writer.WriteNumber("id", entry.Id);
        writer.WriteString("schema", entry.Schema);
        writer.WriteBoolean("deleted", entry.Deleted);
    });

    public static byte[] ConfigKey(string? subject) => Write(writer =>
    {
        writer.WriteString("keytype", "CONFIG");
        if (subject is null)
        {
            writer.WriteNull("subject");
        }
        else
        {
            writer.WriteString("subject", subject);
        }

        writer.WriteNumber("magic", 0);
    });

    public static byte[] ConfigValue(CompatibilityLevel level) => Write(writer =>
        writer.WriteString("compatibilityLevel", CompatibilityLevels.Name(level)));

    /// <summary>Decodes a record; null for key types this registry does not use (Confluent's NOOP, DELETE_SUBJECT...).</summary>
    /// <exception cref="JsonException">The key or value is not the JSON expected.</exception>
    /// <exception cref="KeyNotFoundException">A member is missing.</exception>
    /// <exception cref="InvalidOperationException">A member has the wrong JSON type.</exception>
    public static SchemaLogRecord? Read(byte[]? key, byte[]? value)
    {
        if (key is null)
        {
            return null;
        }

        using var keyJson = JsonDocument.Parse(key);
        var root = keyJson.RootElement;
        var subject = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        switch (root.GetProperty("keytype").GetString())
        {
            case "SCHEMA":
                var version = root.GetProperty("version").GetInt32();
                if (value is null)
                {
                    return new SchemaLogRecord.SchemaRecord(subject!, version, null);
                }

                using (var valueJson = JsonDocument.Parse(value))
                {
                    var v = valueJson.RootElement;
                    var deleted = v.TryGetProperty("deleted", out var d) && d.GetBoolean();
                    var entry = new SchemaVersion(v.GetProperty("subject").GetString()!, v.GetProperty("version").GetInt32(), v.GetProperty("id").GetInt32(), v.GetProperty("schema").GetString()!, deleted);
                    return new SchemaLogRecord.SchemaRecord(subject!, version, entry);
                }

            case "CONFIG":
                if (value is null)
                {
                    return new SchemaLogRecord.ConfigRecord(subject, null);
                }

                using (var valueJson = JsonDocument.Parse(value))
                {
                    var name = valueJson.RootElement.GetProperty("compatibilityLevel").GetString();
                    return CompatibilityLevels.TryParse(name, out var level)
                        ? new SchemaLogRecord.ConfigRecord(subject, level)
                        : throw new JsonException($"Unknown compatibility level '{name}'.");
                }

            default:
                return null;
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

using System.Text.Json;
using Avro;

namespace Streams.SchemaRegistry.Compatibility;

/// <summary>
/// Whether a writer's named type (record, enum, fixed) is the reader's: the specification matches their unqualified
/// names, and a reader's alias (relative to the reader's namespace unless it has a dot) names the writer's full name.
/// </summary>
internal static class AvroNames
{
    public static bool Match(NamedSchema reader, NamedSchema writer) =>
        reader.Name == writer.Name || Aliases(reader).Contains(writer.Fullname, StringComparer.Ordinal);

    /// <summary>The reader's aliases as full names.</summary>
    /// <remarks>Apache.Avro keeps a named schema's aliases private, so they are read back from the schema's own JSON.</remarks>
    private static IEnumerable<string> Aliases(NamedSchema schema)
    {
        using var json = JsonDocument.Parse(schema.ToString());
        if (!json.RootElement.TryGetProperty("aliases", out var aliases))
        {
            return [];
        }

        return [.. aliases.EnumerateArray()
            .Select(alias => alias.GetString()!)
            .Select(alias => alias.Contains('.', StringComparison.Ordinal) || string.IsNullOrEmpty(schema.Namespace) ? alias : $"{schema.Namespace}.{alias}")];
    }
}

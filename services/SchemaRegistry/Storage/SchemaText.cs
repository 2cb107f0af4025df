using System.Text.Json;

namespace Streams.SchemaRegistry.Storage;

/// <summary>
/// The form a schema is stored and compared in: its JSON without insignificant whitespace. Two registrations of the
/// same schema text get the same id however they were indented; unlike the Parsing Canonical Form this keeps
/// defaults, aliases and docs, which change what a schema means to a reader.
/// </summary>
internal static class SchemaText
{
    public static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        return JsonSerializer.Serialize(document.RootElement);
    }
}

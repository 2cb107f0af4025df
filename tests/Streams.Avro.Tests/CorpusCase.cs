using System.Text.Json;

namespace Streams.Avro.Tests;

/// <summary>
/// One corpus file: {"schema": writer schema, "reader": optional reader schema, "values": [values in the Avro JSON encoding]}.
/// </summary>
internal sealed record CorpusCase(string FileName, JsonElement Schema, JsonElement? Reader, IReadOnlyList<JsonElement> Values)
{
    public static IEnumerable<string> FileNames =>
        Directory.EnumerateFiles(RepositoryPaths.CorpusDirectory, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> All => new(FileNames);

    public static CorpusCase Load(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.CorpusDirectory, fileName)));
        var root = document.RootElement.Clone();
        return new CorpusCase(
            fileName,
            root.GetProperty("schema"),
            root.TryGetProperty("reader", out var reader) ? reader : null,
            root.TryGetProperty("values", out var values) ? values.EnumerateArray().ToList() : []);
    }
}

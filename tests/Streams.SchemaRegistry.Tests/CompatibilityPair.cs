using System.Text.Json;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.SchemaRegistry.Tests;

/// <summary>A reader/writer pair of tests/crosscheck/avro/compatibility/pairs.json.</summary>
/// <param name="Name">The pair's name, unique in the file.</param>
/// <param name="Reader">The reader schema's JSON.</param>
/// <param name="Writer">The writer schema's JSON.</param>
/// <param name="Compatible">The specification's verdict: can the reader read all the writer writes.</param>
/// <param name="AvscDisagrees">Why avsc gives the other verdict, for the pairs where it strays from the specification.</param>
public sealed record CompatibilityPair(string Name, string Reader, string Writer, bool Compatible, string? AvscDisagrees)
{
    public static readonly string FilePath = Path.Combine(NodeScript.Directory("avro"), "compatibility", "pairs.json");

    private static readonly Lazy<IReadOnlyDictionary<string, CompatibilityPair>> All = new(() =>
    {
        using var json = JsonDocument.Parse(File.ReadAllText(FilePath));
        return json.RootElement.EnumerateArray()
            .Select(pair => new CompatibilityPair(
                pair.GetProperty("name").GetString()!,
                pair.GetProperty("reader").GetRawText(),
                pair.GetProperty("writer").GetRawText(),
                pair.GetProperty("compatible").GetBoolean(),
                pair.TryGetProperty("avscDisagrees", out var reason) ? reason.GetString() : null))
            .ToDictionary(pair => pair.Name, StringComparer.Ordinal);
    });

    public static CompatibilityPair Named(string name) => All.Value[name];

    /// <summary>The names of the pairs avsc agrees on, or of those it does not.</summary>
    public static TheoryData<string> Names(bool avscAgrees) =>
        new(All.Value.Values.Where(pair => (pair.AvscDisagrees is null) == avscAgrees).Select(pair => pair.Name));
}

using System.Text.Json;
using Avro;
using Streams.SchemaRegistry.Compatibility;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.SchemaRegistry.Tests;

/// <summary>
/// Puts every pair of tests/crosscheck/avro/compatibility/pairs.json to the avsc reference implementation
/// (compatibility.js: <c>readerType.createResolver(writerType)</c> throws when the reader cannot read the writer's data)
/// and to <see cref="AvroReaderWriterCompatibility"/>, and requires the same verdict. The few pairs where avsc strays
/// from the specification say why in the file and are held to the specification instead.
/// </summary>
public class AvscCompatibilityCrossCheckTests
{
    private static readonly Lazy<Task<JsonElement>> AvscVerdicts = new(async () =>
    {
        var output = await NodeScript.RunAsync("avro", "avsc", "compatibility.js", CompatibilityPair.FilePath);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    });

    public static TheoryData<string> AgreedPairs => CompatibilityPair.Names(avscAgrees: true);

    public static TheoryData<string> DisagreedPairs => CompatibilityPair.Names(avscAgrees: false);

    [Theory]
    [MemberData(nameof(AgreedPairs))]
    public async Task CanRead_CorpusPair_GivesAvscsVerdict(string name)
    {
        // Arrange
        var pair = CompatibilityPair.Named(name);
        var avsc = (await AvscVerdicts.Value).GetProperty(name);

        // Act
        var compatible = AvroReaderWriterCompatibility.CanRead(Schema.Parse(pair.Reader), Schema.Parse(pair.Writer), out var reason);

        // Assert
        Assert.True(avsc.GetProperty("compatible").GetBoolean() == compatible, $"avsc: {avsc}; ours: {reason ?? "compatible"}");
        Assert.Equal(pair.Compatible, compatible);
    }

    [Theory]
    [MemberData(nameof(DisagreedPairs))]
    public async Task CanRead_PairWhereAvscStraysFromTheSpecification_FollowsTheSpecification(string name)
    {
        // Arrange
        var pair = CompatibilityPair.Named(name);
        var avsc = (await AvscVerdicts.Value).GetProperty(name);

        // Act
        var compatible = AvroReaderWriterCompatibility.CanRead(Schema.Parse(pair.Reader), Schema.Parse(pair.Writer), out _);

        // Assert: should avsc come round to the specification, the pair belongs with the others.
        Assert.Equal(pair.Compatible, compatible);
        Assert.NotEqual(pair.Compatible, avsc.GetProperty("compatible").GetBoolean());
    }
}

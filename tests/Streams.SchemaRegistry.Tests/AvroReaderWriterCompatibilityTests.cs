using Avro;
using Streams.SchemaRegistry.Compatibility;

namespace Streams.SchemaRegistry.Tests;

/// <summary>The reasons the checker gives (the verdicts themselves are cross-checked with avsc).</summary>
public class AvroReaderWriterCompatibilityTests
{
    [Theory]
    [InlineData("\"string\"", """["null","string"]""", "at string: the reader's string cannot read the writer's null")]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","B"]}""", """{"type":"enum","name":"E","symbols":["A","B","C"]}""", "the writer's symbol C is not in the reader's enum E, which has no default")]
    [InlineData("""["null","string"]""", """["null","string","long"]""", "no branch of the reader's union [null, string] can read the writer's long")]
    [InlineData("""{"type":"fixed","name":"H","size":32}""", """{"type":"fixed","name":"H","size":16}""", "the writer's fixed H has 16 bytes, the reader's 32")]
    [InlineData("""{"type":"record","name":"a.New","fields":[]}""", """{"type":"record","name":"b.Old","fields":[]}""", "the writer's record b.Old is not the reader's record a.New by name nor by one of its aliases")]
    public void CanRead_IncompatiblePair_SaysWhy(string reader, string writer, string expected)
    {
        // Act
        var compatible = AvroReaderWriterCompatibility.CanRead(Schema.Parse(reader), Schema.Parse(writer), out var reason);

        // Assert
        Assert.False(compatible);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CanRead_NestedFieldProblem_NamesThePathToTheField()
    {
        // Arrange
        var reader = Schema.Parse("""{"type":"record","name":"Order","fields":[{"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"sku","type":"string"},{"name":"qty","type":"int"}]}}}]}""");
        var writer = Schema.Parse("""{"type":"record","name":"Order","fields":[{"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"sku","type":"string"}]}}}]}""");

        // Act
        AvroReaderWriterCompatibility.CanRead(reader, writer, out var reason);

        // Assert
        Assert.StartsWith("at Order.lines[].qty: ", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CanRead_RecursiveRecordsThatMatch_IsCompatible()
    {
        // Arrange: each record's check meets the same pair again through next.
        var list = """{"type":"record","name":"List","fields":[{"name":"value","type":"int"},{"name":"next","type":["null","List"]}]}""";

        // Act
        var compatible = AvroReaderWriterCompatibility.CanRead(Schema.Parse(list), Schema.Parse(list), out var reason);

        // Assert
        Assert.True(compatible, reason);
    }

    [Theory]
    [InlineData("""{"type":"record","name":"n.New","aliases":["Old"],"fields":[]}""", """{"type":"record","name":"n.Old","fields":[]}""")]
    [InlineData("""{"type":"record","name":"n.New","aliases":["m.Old"],"fields":[]}""", """{"type":"record","name":"m.Old","fields":[]}""")]
    public void CanRead_ReaderAliasRelativeOrQualified_MatchesTheWritersFullName(string reader, string writer)
    {
        // Act
        var compatible = AvroReaderWriterCompatibility.CanRead(Schema.Parse(reader), Schema.Parse(writer), out var reason);

        // Assert
        Assert.True(compatible, reason);
    }
}

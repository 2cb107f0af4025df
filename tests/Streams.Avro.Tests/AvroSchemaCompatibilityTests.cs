namespace Streams.Avro.Tests;

public class AvroSchemaCompatibilityTests
{
    [Theory]
    [InlineData("""["null","string"]""", "\"string\"", false)]
    [InlineData("\"string\"", """["null","string"]""", true)]
    [InlineData("\"int\"", "\"long\"", true)]
    [InlineData("\"long\"", "\"int\"", false)]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","B"]}""", """{"type":"enum","name":"E","symbols":["A"]}""", false)]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","B"]}""", """{"type":"enum","name":"E","symbols":["A"],"default":"A"}""", true)]
    [InlineData("""{"type":"array","items":["int","string"]}""", """{"type":"array","items":"string"}""", false)]
    public void CanRead_WriterReaderPair_AnswersWhetherEveryWriterValueIsReadable(string writer, string reader, bool expected)
    {
        // Act
        var compatible = AvroSchemaCompatibility.CanRead(AvroSchema.Parse(writer), AvroSchema.Parse(reader), out var incompatibility);

        // Assert
        Assert.Equal(expected, compatible);
        Assert.Equal(expected, incompatibility is null);
    }

    [Fact]
    public void CanRead_UnionBranchTheReaderLacks_StillBuildsALenientReader()
    {
        // Arrange
        var writer = AvroSchema.Parse("""["null","string"]""");
        var reader = AvroSchema.Parse("\"string\"");

        // Act
        var compatible = AvroSchemaCompatibility.CanRead(writer, reader, out _);
        var lenient = new GenericDatumReader(writer, reader);

        // Assert: the schema pair is incompatible, yet data that never uses the null branch can still be read.
        Assert.False(compatible);
        Assert.Equal("x", lenient.Read([2, 2, (byte)'x']));
    }
}

namespace Streams.Avro.Tests;

public class ResolutionTests
{
    private static byte[] Encode(string schemaJson, object? value) => new GenericDatumWriter(AvroSchema.Parse(schemaJson)).Serialize(value);

    private static object? Resolve(string writerJson, string readerJson, object? value) =>
        new GenericDatumReader(AvroSchema.Parse(writerJson), AvroSchema.Parse(readerJson)).Read(Encode(writerJson, value));

    [Theory]
    [InlineData("\"int\"", "\"long\"", 7, 7L)]
    [InlineData("\"int\"", "\"float\"", 7, 7f)]
    [InlineData("\"int\"", "\"double\"", 7, 7d)]
    [InlineData("\"long\"", "\"float\"", 1L << 40, (float)(1L << 40))]
    [InlineData("\"long\"", "\"double\"", -5L, -5d)]
    [InlineData("\"float\"", "\"double\"", 0.1f, (double)0.1f)]
    [InlineData("\"string\"", "\"bytes\"", "hé", new byte[] { 0x68, 0xC3, 0xA9 })]
    [InlineData("\"bytes\"", "\"string\"", new byte[] { 0x68, 0xC3, 0xA9 }, "hé")]
    [InlineData("""["null", "int"]""", "\"long\"", 3, 3L)]
    [InlineData("\"int\"", """["null", "string", "double", "long"]""", 3, 3d)]
    public void Read_PromotableWriterType_ReturnsReaderRepresentation(string writer, string reader, object value, object expected)
    {
        // Act
        var result = Resolve(writer, reader, value);

        // Assert
        Assert.Equal(expected, result, GenericValueComparer.Instance);
    }

    [Fact]
    public void Read_ReaderUnionWithPromotableBranchFirst_PrefersTheExactBranch()
    {
        // Arrange: avsc, reading the spec literally, would pick "long" here; Java and this library pick "int".
        const string reader = """["null", "long", "int"]""";

        // Act
        var fromPlain = Resolve("\"int\"", reader, 1);
        var fromUnion = Resolve("""["null", "int"]""", reader, 1);

        // Assert
        Assert.IsType<int>(fromPlain);
        Assert.IsType<int>(fromUnion);
    }

    [Fact]
    public void Read_SameUnionSchemaParsedTwice_ReadsEveryBranchAsItself()
    {
        // Arrange
        const string union = """["string", "bytes", "double", "float", "long", "int"]""";
        object[] values = ["s", new byte[] { 1 }, 1d, 1f, 1L, 1];

        // Act
        var decoded = values.Select(v => Resolve(union, union, v)).ToList();

        // Assert
        Assert.Equal(values, decoded, GenericValueComparer.Instance);
    }

    [Fact]
    public void Read_RecordEvolution_MatchesFieldsByNameAndAliasSkipsAndFillsDefaults()
    {
        // Arrange
        const string writer = """{"type": "record", "name": "old.R", "fields": [{"name": "drop", "type": {"type": "array", "items": "string"}}, {"name": "keep", "type": "int"}, {"name": "oldName", "type": "string"}]}""";
        const string reader = """{"type": "record", "name": "new.R2", "aliases": ["old.R"], "fields": [{"name": "newName", "aliases": ["oldName"], "type": "string"}, {"name": "keep", "type": "long"}, {"name": "added", "type": {"type": "array", "items": "int"}, "default": [1]}]}""";
        var value = new GenericRecord((RecordSchema)AvroSchema.Parse(writer)) { ["drop"] = new List<object?> { "x" }, ["keep"] = 4, ["oldName"] = "n" };

        // Act
        var record = (GenericRecord)Resolve(writer, reader, value)!;

        // Assert
        Assert.Equal("new.R2", record.Schema.FullName);
        Assert.Equal("n", record["newName"]);
        Assert.Equal(4L, record["keep"]);
        Assert.Equal(new List<object?> { 1 }, (List<object?>)record["added"]!);
    }

    [Fact]
    public void Read_DefaultValues_AreCopiedForEachRecord()
    {
        // Arrange
        var writer = AvroSchema.Parse("""{"type": "record", "name": "R", "fields": []}""");
        var reader = new GenericDatumReader(writer, AvroSchema.Parse("""{"type": "record", "name": "R", "fields": [{"name": "xs", "type": {"type": "array", "items": "int"}, "default": []}]}"""));

        // Act
        var first = (GenericRecord)reader.Read([])!;
        ((List<object?>)first["xs"]!).Add(1);
        var second = (GenericRecord)reader.Read([])!;

        // Assert
        Assert.Empty((List<object?>)second["xs"]!);
    }

    [Fact]
    public void Read_EnumSymbolMissingFromReader_UsesReaderDefaultOrThrows()
    {
        // Arrange
        const string writer = """{"type": "enum", "name": "E", "symbols": ["A", "B"]}""";
        var value = ((EnumSchema)AvroSchema.Parse(writer)).GetValue("B");

        // Act
        var withDefault = Resolve(writer, """{"type": "enum", "name": "E", "symbols": ["A", "Z"], "default": "Z"}""", value);
        var exception = Assert.Throws<AvroException>(() => Resolve(writer, """{"type": "enum", "name": "E", "symbols": ["A"]}""", value));

        // Assert
        Assert.Equal("Z", ((GenericEnumSymbol)withDefault!).Symbol);
        Assert.Contains("Writer symbol 'B' is not in reader enum 'E'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EnumSymbolPresentInReader_DecodesEvenWithoutDefault()
    {
        // Arrange
        const string writer = """{"type": "enum", "name": "E", "symbols": ["A", "B"]}""";

        // Act
        var result = Resolve(writer, """{"type": "enum", "name": "E", "symbols": ["B"]}""", "B");

        // Assert
        Assert.Equal("B", ((GenericEnumSymbol)result!).Symbol);
    }

    [Fact]
    public void Read_WriterUnionBranchTheReaderLacks_FailsOnlyForThatBranch()
    {
        // Arrange
        var reader = new GenericDatumReader(AvroSchema.Parse("""["null", "string", "boolean"]"""), AvroSchema.Parse("""["null", "string"]"""));

        // Act
        var ok = reader.Read(Encode("""["null", "string", "boolean"]""", "x"));
        var exception = Assert.Throws<AvroException>(() => reader.Read(Encode("""["null", "string", "boolean"]""", true)));

        // Assert
        Assert.Equal("x", ok);
        Assert.Contains("branch 2 (boolean) cannot be read", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"string\"", "\"int\"", "Writer string cannot be read as reader int")]
    [InlineData("\"long\"", "\"int\"", "Writer long cannot be read as reader int")]
    [InlineData("\"double\"", "\"float\"", "Writer double cannot be read as reader float")]
    [InlineData("""{"type": "record", "name": "A", "fields": []}""", """{"type": "record", "name": "B", "fields": []}""", "record 'A' cannot be read as reader record 'B'")]
    [InlineData("""{"type": "fixed", "name": "F", "size": 2}""", """{"type": "fixed", "name": "F", "size": 3}""", "fixed 'F' cannot be read")]
    [InlineData("""{"type": "record", "name": "R", "fields": []}""", """{"type": "record", "name": "R", "fields": [{"name": "x", "type": "int"}]}""", "Reader field 'x' of record 'R' is not in the writer's record and has no default")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "x", "type": "string"}]}""", """{"type": "record", "name": "R", "fields": [{"name": "x", "type": "int"}]}""", "Field 'x' of record 'R'")]
    [InlineData("\"boolean\"", """["null", "int"]""", "No branch of the reader's union matches the writer's boolean")]
    public void Constructor_IncompatibleSchemas_ThrowsAvroSchemaExceptionSayingWhy(string writer, string reader, string expectedMessagePart)
    {
        // Act
        var exception = Assert.Throws<AvroSchemaException>(() => new GenericDatumReader(AvroSchema.Parse(writer), AvroSchema.Parse(reader)));

        // Assert
        Assert.Contains(expectedMessagePart, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RecursiveRecords_ResolveAtEveryDepth()
    {
        // Arrange
        const string writer = """{"type": "record", "name": "N", "fields": [{"name": "v", "type": "int"}, {"name": "next", "type": ["null", "N"]}]}""";
        const string reader = """{"type": "record", "name": "N", "fields": [{"name": "next", "type": ["null", "N"]}, {"name": "v", "type": "double"}]}""";
        var writerSchema = (RecordSchema)AvroSchema.Parse(writer);
        var tail = new GenericRecord(writerSchema) { ["v"] = 2, ["next"] = null };
        var head = new GenericRecord(writerSchema) { ["v"] = 1, ["next"] = tail };

        // Act
        var result = (GenericRecord)Resolve(writer, reader, head)!;

        // Assert
        Assert.Equal(1d, result["v"]);
        Assert.Equal(2d, ((GenericRecord)result["next"]!)["v"]);
    }
}

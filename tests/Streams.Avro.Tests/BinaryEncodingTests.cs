using System.Buffers;
using System.Numerics;

namespace Streams.Avro.Tests;

public class BinaryEncodingTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(-64L, "7f")]
    [InlineData(64L, "8001")]
    [InlineData(long.MaxValue, "feffffffffffffffff01")]
    [InlineData(long.MinValue, "ffffffffffffffffff01")]
    public void WriteLong_SpecValues_AreZigZagVarints(long value, string expectedHex)
    {
        // Arrange
        var buffer = new ArrayBufferWriter<byte>();

        // Act
        new AvroBinaryWriter(buffer).WriteLong(value);

        // Assert
        Assert.Equal(expectedHex, Convert.ToHexStringLower(buffer.WrittenSpan));
    }

    [Fact]
    public void Serialize_SpecRecordExample_MatchesSpecBytes()
    {
        // Arrange: the spec's example record {"a": 27, "b": "foo"} encodes as 36 06 66 6f 6f.
        var schema = (RecordSchema)AvroSchema.Parse("""{"type": "record", "name": "test", "fields": [{"name": "a", "type": "long"}, {"name": "b", "type": "string"}]}""");
        var record = new GenericRecord(schema) { ["a"] = 27L, ["b"] = "foo" };

        // Act
        var bytes = new GenericDatumWriter(schema).Serialize(record);

        // Assert
        Assert.Equal("3606666f6f", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Read_NegativeBlockCount_ReadsItemsAfterTheByteSize()
    {
        // Arrange: one block of -2 items with a byte size of 2, then the items 3 and 27, then the end.
        var reader = new GenericDatumReader(AvroSchema.Parse("""{"type": "array", "items": "long"}"""));

        // Act
        var value = reader.Read(Convert.FromHexString("030406" + "3600"));

        // Assert
        Assert.Equal(new List<object?> { 3L, 27L }, (List<object?>)value!);
    }

    [Fact]
    public void Read_SkippedWriterFieldWithNegativeBlockCount_JumpsOverTheBlock()
    {
        // Arrange: writer {skipped: map<string>, kept: int}; the map block is -1 entries of 4 bytes.
        var writer = AvroSchema.Parse("""{"type": "record", "name": "R", "fields": [{"name": "skipped", "type": {"type": "map", "values": "string"}}, {"name": "kept", "type": "int"}]}""");
        var readerSchema = AvroSchema.Parse("""{"type": "record", "name": "R", "fields": [{"name": "kept", "type": "int"}]}""");
        var reader = new GenericDatumReader(writer, readerSchema);

        // Act
        var record = (GenericRecord)reader.Read(Convert.FromHexString("0108" + "026b0276" + "00" + "54"))!;

        // Assert
        Assert.Equal(42, record["kept"]);
    }

    [Theory]
    [InlineData("\"long\"", "80")]
    [InlineData("\"string\"", "0661")]
    [InlineData("\"double\"", "000000")]
    [InlineData("""{"type": "array", "items": "int"}""", "0402")]
    [InlineData("""{"type": "fixed", "name": "F", "size": 4}""", "0102")]
    [InlineData("\"bytes\"", "01")]
    public void Read_TruncatedOrCorruptData_ThrowsAvroException(string schemaJson, string hex)
    {
        // Arrange
        var reader = new GenericDatumReader(AvroSchema.Parse(schemaJson));

        // Act and Assert
        Assert.ThrowsAny<AvroException>(() => reader.Read(Convert.FromHexString(hex)));
    }

    [Theory]
    [InlineData("\"int\"", "feffffff1f", "out of range for an int")]
    [InlineData("\"boolean\"", "02", "Invalid boolean")]
    [InlineData("""["null", "int"]""", "04", "branch index 2 is out of range")]
    [InlineData("""{"type": "enum", "name": "E", "symbols": ["A"]}""", "02", "index 1 is out of range")]
    [InlineData("\"int\"", "0200", "unexpected byte")]
    [InlineData("\"long\"", "ffffffffffffffffffff01", "longer than 10 bytes")]
    [InlineData("""{"type": "array", "items": "long"}""", "c80100", "exceeds")]
    public void Read_InvalidData_ThrowsAvroExceptionSayingWhy(string schemaJson, string hex, string expectedMessagePart)
    {
        // Arrange
        var reader = new GenericDatumReader(AvroSchema.Parse(schemaJson));

        // Act
        var exception = Assert.Throws<AvroException>(() => reader.Read(Convert.FromHexString(hex)));

        // Assert
        Assert.Contains(expectedMessagePart, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"int\"", "text")]
    [InlineData("\"string\"", 5)]
    [InlineData("\"null\"", 0)]
    [InlineData("""["null", "string"]""", 1.5)]
    [InlineData("""{"type": "enum", "name": "E", "symbols": ["A"]}""", "B")]
    public void Write_ValueNotMatchingSchema_ThrowsAvroException(string schemaJson, object value)
    {
        // Arrange
        var writer = new GenericDatumWriter(AvroSchema.Parse(schemaJson));

        // Act and Assert
        Assert.Throws<AvroException>(() => writer.Serialize(value));
    }

    [Theory]
    [InlineData(null, "00")]
    [InlineData(5, "080a")]
    [InlineData(5L, "020a")]
    [InlineData(2.0f, "040000000000000040")]
    [InlineData("s", "060273")]
    public void Write_UnionValue_PicksExactBranchThenPromotion(object? value, string expectedHex)
    {
        // Arrange: long before int, so an int goes to the int branch only because exact matches come first.
        var writer = new GenericDatumWriter(AvroSchema.Parse("""["null", "long", "double", "string", "int"]"""));

        // Act
        var bytes = writer.Serialize(value);

        // Assert
        Assert.Equal(expectedHex, Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Write_RecordOfAnotherParseOfTheSchema_WritesFieldsByName()
    {
        // Arrange
        const string json = """{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": "string"}]}""";
        var record = new GenericRecord((RecordSchema)AvroSchema.Parse(json)) { ["a"] = 1, ["b"] = "x" };
        var writer = new GenericDatumWriter(AvroSchema.Parse(json));

        // Act
        var bytes = writer.Serialize(record);

        // Assert
        Assert.Equal("020278", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void Write_PlainCollectionsAndSymbolStrings_AreAccepted()
    {
        // Arrange
        var schema = AvroSchema.Parse("""{"type": "record", "name": "R", "fields": [{"name": "xs", "type": {"type": "array", "items": "long"}}, {"name": "m", "type": {"type": "map", "values": "int"}}, {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B"]}}]}""");
        var record = new GenericRecord((RecordSchema)schema) { ["xs"] = new[] { 1, 2 }, ["m"] = new Dictionary<string, int> { ["k"] = 3 }, ["e"] = "B" };

        // Act
        var bytes = new GenericDatumWriter(schema).Serialize(record);

        // Assert
        Assert.Equal("0402040002026b060002", Convert.ToHexStringLower(bytes));
    }

    [Fact]
    public void RoundTrip_LogicalTypes_UseLogicalRepresentations()
    {
        // Arrange
        var schema = (RecordSchema)AvroSchema.Parse("""
            {"type": "record", "name": "L", "fields": [
              {"name": "ms", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "us", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
              {"name": "price", "type": {"type": "fixed", "name": "P", "size": 8, "logicalType": "decimal", "precision": 18, "scale": 4}}
            ]}
            """);
        var when = new DateTimeOffset(1969, 12, 31, 23, 59, 59, 999, TimeSpan.Zero).AddTicks(1230);
        var id = Guid.Parse("123e4567-e89b-12d3-a456-426614174000");
        var record = new GenericRecord(schema)
        {
            ["ms"] = when,
            ["us"] = when,
            ["id"] = id,
            ["amount"] = AvroDecimal.FromDecimal(-12.5m),
            ["price"] = new AvroDecimal(new BigInteger(-1), 4),
        };

        // Act
        var bytes = new GenericDatumWriter(schema).Serialize(record);
        var decoded = (GenericRecord)new GenericDatumReader(schema).Read(bytes)!;

        // Assert
        Assert.Equal(when.AddTicks(-1230), decoded["ms"]);
        Assert.Equal(when, decoded["us"]);
        Assert.Equal(id, decoded["id"]);
        Assert.Equal(new AvroDecimal(-1250, 2), decoded["amount"]);
        Assert.Equal(-12.5m, ((AvroDecimal)decoded["amount"]!).ToDecimal());
        Assert.Equal(new AvroDecimal(-1, 4), decoded["price"]);
        Assert.EndsWith("ffffffffffffffff", Convert.ToHexStringLower(bytes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123.456")]
    [InlineData("12345678.9")]
    public void Write_DecimalNotFittingTheSchema_ThrowsAvroException(string value)
    {
        // Arrange
        var writer = new GenericDatumWriter(AvroSchema.Parse("""{"type": "bytes", "logicalType": "decimal", "precision": 8, "scale": 2}"""));

        // Act and Assert
        Assert.Throws<AvroException>(() => writer.Serialize(AvroDecimal.FromDecimal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void Read_TimestampOutsideDateTimeOffsetRange_ThrowsAvroException()
    {
        // Arrange
        var schema = AvroSchema.Parse("""{"type": "long", "logicalType": "timestamp-millis"}""");
        var bytes = new GenericDatumWriter(AvroSchema.Parse("\"long\"")).Serialize(long.MaxValue);

        // Act and Assert
        Assert.Throws<AvroException>(() => new GenericDatumReader(schema).Read(bytes));
    }

    [Fact]
    public void Write_IntoCallerBuffer_AppendsAfterExistingBytes()
    {
        // Arrange
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write(new byte[] { 0xAA });
        var writer = new GenericDatumWriter(AvroSchema.Parse("\"string\""));

        // Act
        writer.Write("hi", buffer);

        // Assert
        Assert.Equal("aa046869", Convert.ToHexStringLower(buffer.WrittenSpan));
    }
}

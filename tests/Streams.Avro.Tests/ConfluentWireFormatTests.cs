namespace Streams.Avro.Tests;

public class ConfluentWireFormatTests
{
    [Fact]
    public void Serialize_Value_WritesMagicByteBigEndianIdAndPayload()
    {
        // Arrange
        var writer = new GenericDatumWriter(AvroSchema.Parse("\"string\""));

        // Act
        var message = ConfluentWireFormat.Serialize(0x01020304, writer, "a");

        // Assert
        Assert.Equal("00010203040261", Convert.ToHexStringLower(message));
    }

    [Fact]
    public void Read_FramedMessage_ReturnsSchemaIdAndPayloadSlice()
    {
        // Arrange
        var message = Convert.FromHexString("0000000100" + "0261");

        // Act
        var frame = ConfluentWireFormat.Read(message);

        // Assert
        Assert.Equal(256, frame.SchemaId);
        Assert.Equal("0261", Convert.ToHexStringLower(frame.Payload.Span));
        Assert.Equal("a", new GenericDatumReader(AvroSchema.Parse("\"string\"")).Read(frame.Payload.Span));
    }

    [Fact]
    public void ReadHeader_HeaderOnly_ReturnsEmptyPayload()
    {
        // Act
        var id = ConfluentWireFormat.ReadHeader(Convert.FromHexString("00ffffffff"), out var payload);

        // Assert
        Assert.Equal(-1, id);
        Assert.True(payload.IsEmpty);
    }

    [Theory]
    [InlineData("", "at least 5 bytes, got 0")]
    [InlineData("00000001", "at least 5 bytes, got 4")]
    [InlineData("010000000102", "magic byte 0, got 1")]
    public void Read_MalformedFrame_ThrowsAvroExceptionSayingWhy(string hex, string expectedMessagePart)
    {
        // Arrange
        var message = Convert.FromHexString(hex);

        // Act
        var exception = Assert.Throws<AvroException>(() => ConfluentWireFormat.Read(message));

        // Assert
        Assert.Contains(expectedMessagePart, exception.Message, StringComparison.Ordinal);
    }
}

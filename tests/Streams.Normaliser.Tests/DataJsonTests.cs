using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Streams.Envelope;
using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Tests;

public class DataJsonTests
{
    private static readonly JsonSerializerOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("""{"a":[1,2.50,-0.5e3,true,null],"b":{"c":"<&>'+`/~"}}""")]
    [InlineData("""{ "a" : [ 1 ,2.50 ] ,"b":"x y" }""")]
    [InlineData("""["\u0041","\/","\n"]""")]
    [InlineData("\"é中😀\"")]
    [InlineData("\"\u007f\"")]
    [InlineData("null")]
    public void ToCanonicalBytes_AnyJson_WhatTheRelaxedWriterWrites(string json)
    {
        // Arrange: the fast path that skips the parse must agree with the writer it stands in for.
        var data = new DataJson(Encoding.UTF8.GetBytes(json), EnvelopeDataEncoding.Json);
        var expected = JsonNode.Parse(json)?.ToJsonString(Writer) ?? "null";

        // Act
        var canonical = data.ToCanonicalBytes();

        // Assert
        Assert.Equal(expected, Encoding.UTF8.GetString(canonical!));
    }

    [Fact]
    public void ToCanonicalBytes_CompactAscii_TheSameArrayWithoutAParse()
    {
        // Arrange
        var bytes = """{"orderId":"o-1","amount":12.50}"""u8.ToArray();
        var data = new DataJson(bytes, EnvelopeDataEncoding.Json);

        // Act / Assert
        Assert.Same(bytes, data.ToCanonicalBytes());
    }

    [Fact]
    public void ToCanonicalBytes_Binary_Unchanged()
    {
        // Arrange
        var bytes = new byte[] { 0, 1, 2, (byte)' ' };

        // Act / Assert
        Assert.Same(bytes, new DataJson(bytes, EnvelopeDataEncoding.Binary).ToCanonicalBytes());
    }
}

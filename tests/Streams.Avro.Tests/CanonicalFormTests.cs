using System.Text;

namespace Streams.Avro.Tests;

public class CanonicalFormTests
{
    [Theory]
    [InlineData("\"int\"", "\"int\"")]
    [InlineData("""{"type": "int"}""", "\"int\"")]
    [InlineData("""{"type": "long", "logicalType": "timestamp-millis"}""", "\"long\"")]
    [InlineData("""[ "null" , {"type":"string"} ]""", """["null","string"]""")]
    [InlineData("""{"values": "int", "type": "map", "doc": "d"}""", """{"type":"map","values":"int"}""")]
    [InlineData("""{"items": {"type": "array", "items": "bytes"}, "type": "array"}""", """{"type":"array","items":{"type":"array","items":"bytes"}}""")]
    [InlineData("""{"type": "fixed", "size": 16, "namespace": "x", "name": "F", "aliases": ["G"]}""", """{"name":"x.F","type":"fixed","size":16}""")]
    [InlineData("""{"type": "enum", "name": "\u0045", "symbols": ["A", "B"], "default": "A", "doc": "\"quoted\""}""", """{"name":"E","type":"enum","symbols":["A","B"]}""")]
    [InlineData(
        """{"namespace": "a", "type": "record", "name": "R", "fields": [{"name": "f", "type": "int", "default": 1, "doc": "x", "order": "ignore"}, {"name": "self", "type": ["null", "R"]}, {"name": "e", "type": {"type": "enum", "name": "b.E", "symbols": ["S"]}}, {"name": "e2", "type": "b.E"}]}""",
        """{"name":"a.R","type":"record","fields":[{"name":"f","type":"int"},{"name":"self","type":["null","a.R"]},{"name":"e","type":{"name":"b.E","type":"enum","symbols":["S"]}},{"name":"e2","type":"b.E"}]}""")]
    public void ToCanonicalForm_SpecTransformations_ProduceCanonicalText(string json, string expected)
    {
        // Act
        var canonical = AvroSchema.Parse(json).ToCanonicalForm();

        // Assert
        Assert.Equal(expected, canonical);
    }

    [Fact]
    public void ToCanonicalForm_NullNamespaceTypeInsideNamespacedRecord_DropsTheEmptyNamespaceAsSpecified()
    {
        // Arrange: the spec's FULLNAMES rule has no way to say "null namespace" for a nested name, so re-parsing
        // the canonical form puts Plain in a.b. avsc prints the same text.
        var schema = AvroSchema.Parse("""{"type": "record", "name": "Outer", "namespace": "a.b", "fields": [{"name": "p", "type": {"type": "record", "name": "Plain", "namespace": "", "fields": []}}]}""");

        // Act
        var canonical = schema.ToCanonicalForm();

        // Assert
        Assert.Equal("""{"name":"a.b.Outer","type":"record","fields":[{"name":"p","type":{"name":"Plain","type":"record","fields":[]}}]}""", canonical);
        Assert.Equal("a.b.Plain", ((NamedSchema)((RecordSchema)AvroSchema.Parse(canonical)).Fields[0].Schema).FullName);
    }

    [Theory]
    [InlineData("\"null\"", 0x63dd24e7cc258f8aUL)]
    [InlineData("\"int\"", 0x7275d51a3f395c8fUL)]
    [InlineData("\"string\"", 0x8f014872634503c7UL)]
    [InlineData("""{"type": "array", "items": "int"}""", 0x522b814fc963b4beUL)]
    public void Crc64_KnownSchemas_MatchAvscAndTheSpecsTestData(string json, ulong expected)
    {
        // Act
        var fingerprint = AvroFingerprint.Crc64(AvroSchema.Parse(json));

        // Assert
        Assert.Equal(expected, fingerprint);
    }

    [Fact]
    public void Crc64_EmptyInput_IsTheEmptyConstant()
    {
        // Act
        var fingerprint = AvroFingerprint.Crc64(ReadOnlySpan<byte>.Empty);

        // Assert
        Assert.Equal(0xc15d213aa4d7a795UL, fingerprint);
    }

    [Fact]
    public void Sha256AndMd5_HashTheCanonicalForm()
    {
        // Arrange
        var schema = AvroSchema.Parse("""{"type": "int", "doc": "ignored"}""");
        var canonical = Encoding.UTF8.GetBytes("\"int\"");

        // Act
        var sha256 = AvroFingerprint.Sha256(schema);
        var md5 = AvroFingerprint.Md5(schema);

        // Assert
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(canonical), sha256);
        Assert.Equal("ef524ea1b91e73173d938ade36c1db32", Convert.ToHexStringLower(md5));
    }
}

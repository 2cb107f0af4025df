using System.Text;
using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry.Serdes;

namespace Streams.Envelope.Tests;

public class EnvelopeSerializerTests
{
    private const string V2Json = """
        {"type":"record","name":"Envelope","namespace":"io.streams","fields":[
          {"name":"id","type":"string"},{"name":"source","type":"string"},{"name":"type","type":"string"},{"name":"specversion","type":"string"},
          {"name":"time","type":["null",{"type":"long","logicalType":"timestamp-millis"}],"default":null},
          {"name":"subject","type":["null","string"],"default":null},
          {"name":"datacontenttype","type":["null","string"],"default":null},
          {"name":"dataschema","type":["null","string"],"default":null},
          {"name":"extensions","type":{"type":"map","values":["string","boolean","long"]},"default":{}},
          {"name":"data","type":["null","bytes"],"default":null},
          {"name":"data_encoding","type":{"type":"enum","name":"DataEncoding","symbols":["JSON","BINARY"],"default":"BINARY"},"default":"JSON"},
          {"name":"tenant","type":["null","string"],"default":null}]}
        """;

    private static readonly CloudEventEnvelope Sample = CloudEventJson.FromJson(
        """{"specversion":"1.0","id":"e1","source":"/s","type":"t","time":"2026-11-23T10:00:00.5Z","flag":false,"data":{"x":1}}"""u8.ToArray());

    [Fact]
    public void Serialize_Envelope_StartsWithMagicByteAndBigEndianSchemaId()
    {
        // Arrange
        var registry = new InMemorySchemaRegistry();
        var serializer = new EnvelopeSerializer(registry, registry.Add(0x01020304, EnvelopeSchemas.Current), EnvelopeSchemas.Current);

        // Act
        var bytes = serializer.Serialize(Sample);

        // Assert
        Assert.Equal(new byte[] { 0, 1, 2, 3, 4 }, bytes[..5]);
    }

    [Fact]
    public void Deserialize_SerializedEnvelope_GivesBackEveryField()
    {
        // Arrange
        var registry = new InMemorySchemaRegistry();
        var serializer = new EnvelopeSerializer(registry, registry.Add(1, EnvelopeSchemas.Current), EnvelopeSchemas.Current);

        // Act
        var decoded = serializer.Deserialize(serializer.Serialize(Sample));

        // Assert
        Assert.Equal(Encoding.UTF8.GetString(CloudEventJson.ToJson(Sample)), Encoding.UTF8.GetString(CloudEventJson.ToJson(decoded)));
        Assert.Equal(Sample.Time, decoded.Time);
    }

    [Fact]
    public void Deserialize_ValueWrittenWithNewerSchema_ReadsTheFieldsItKnows()
    {
        // Arrange
        var registry = new InMemorySchemaRegistry();
        var v2 = (RecordSchema)Avro.Schema.Parse(V2Json);
        var v2Writer = new EnvelopeSerializer(registry, registry.Add(2, v2), v2);
        var v1 = new EnvelopeSerializer(registry, registry.Add(1, EnvelopeSchemas.Current), EnvelopeSchemas.Current);

        // Act
        var decoded = v1.Deserialize(v2Writer.Serialize(Sample));

        // Assert
        Assert.Equal("e1", decoded.Id);
        Assert.Equal(false, decoded.Extensions["flag"]);
    }

    [Fact]
    public void Constructor_WriterSchemaNotAnEnvelope_Throws()
    {
        // Arrange
        var registry = new InMemorySchemaRegistry();
        var other = Avro.Schema.Parse("""{"type":"record","name":"Envelope","namespace":"io.streams","fields":[{"name":"id","type":"long"}]}""");

        // Act and Assert
        Assert.Throws<ArgumentException>(() => new EnvelopeSerializer(registry, 3, other));
    }

    public static TheoryData<string, EnvelopeDecodeReason> CorruptValues => new()
    {
        { "", EnvelopeDecodeReason.NotFramed },
        { "00000001", EnvelopeDecodeReason.NotFramed },
        { "7b22696422", EnvelopeDecodeReason.NotFramed },
        { "0000000063", EnvelopeDecodeReason.UnknownSchemaId },
        { "00000000090261", EnvelopeDecodeReason.IncompatibleSchema },
        { "0000000001", EnvelopeDecodeReason.MalformedPayload },
        { "0000000001ff", EnvelopeDecodeReason.MalformedPayload },
    };

    [Theory]
    [MemberData(nameof(CorruptValues))]
    public void Deserialize_CorruptValue_ThrowsWithTheReason(string hex, EnvelopeDecodeReason reason)
    {
        // Arrange
        var registry = new InMemorySchemaRegistry();
        registry.Add(9, Avro.Schema.Parse("\"string\""));
        var serializer = new EnvelopeSerializer(registry, registry.Add(1, EnvelopeSchemas.Current), EnvelopeSchemas.Current);

        // Act
        var exception = Assert.Throws<EnvelopeDecodeException>(() => serializer.Deserialize(Convert.FromHexString(hex)));

        // Assert
        Assert.True(reason == exception.Reason, exception.Message);
        Assert.StartsWith("envelope-", exception.ReasonCode, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_JsonDataThatIsNotJson_ThrowsMalformed()
    {
        // Arrange
        var registry = new InMemorySchemaRegistry();
        var serializer = new EnvelopeSerializer(registry, registry.Add(1, EnvelopeSchemas.Current), EnvelopeSchemas.Current);
        var bytes = serializer.Serialize(Sample with { Data = Encoding.UTF8.GetBytes("{\"x\":") });

        // Act
        var exception = Assert.Throws<EnvelopeDecodeException>(() => serializer.Deserialize(bytes));

        // Assert
        Assert.Equal(EnvelopeDecodeReason.MalformedPayload, exception.Reason);
    }

    [Theory]
    [InlineData(2_147_483_648L)]
    [InlineData(-2_147_483_649L)]
    [InlineData(long.MaxValue)]
    public void Deserialize_ExtensionIntegerBeyond32Bits_ThrowsMalformed(long number)
    {
        // Arrange: the schema's long can carry what CloudEvents' 32-bit Integer cannot; no hop writes it, another producer might.
        var registry = new InMemorySchemaRegistry();
        var serializer = new EnvelopeSerializer(registry, registry.Add(1, EnvelopeSchemas.Current), EnvelopeSchemas.Current);
        var bytes = serializer.Serialize(Sample with { Extensions = new Dictionary<string, object> { ["wide"] = number } });

        // Act
        var exception = Assert.Throws<EnvelopeDecodeException>(() => serializer.Deserialize(bytes));

        // Assert
        Assert.Equal(EnvelopeDecodeReason.MalformedPayload, exception.Reason);
        Assert.Contains("'wide'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EveryTruncation_ThrowsDecodeExceptionNeverAnythingElse()
    {
        // Arrange
        var registry = new InMemorySchemaRegistry();
        var serializer = new EnvelopeSerializer(registry, registry.Add(1, EnvelopeSchemas.Current), EnvelopeSchemas.Current);
        var bytes = serializer.Serialize(Sample);

        // Act
        var failures = Enumerable.Range(0, bytes.Length).Count(length =>
        {
            try
            {
                serializer.Deserialize(bytes.AsMemory(0, length));
                return false;
            }
            catch (EnvelopeDecodeException)
            {
                return true;
            }
        });

        // Assert
        Assert.Equal(bytes.Length, failures);
    }

    [Fact]
    public void Deserialize_RegistryUnavailable_ThrowsUnavailableNotPoison()
    {
        // Arrange: the reading side meets id 5 for the first time while its registry is down.
        var writing = new InMemorySchemaRegistry();
        var bytes = new EnvelopeSerializer(writing, writing.Add(5, EnvelopeSchemas.Current), EnvelopeSchemas.Current).Serialize(Sample);
        var reading = new InMemorySchemaRegistry();
        var serializer = new EnvelopeSerializer(reading, reading.Add(1, EnvelopeSchemas.Current), EnvelopeSchemas.Current);
        reading.Add(5, EnvelopeSchemas.Current);
        reading.Unavailable = true;

        // Act and Assert
        Assert.Throws<SchemaRegistryUnavailableException>(() => serializer.Deserialize(bytes));
        reading.Unavailable = false;
        Assert.Equal("e1", serializer.Deserialize(bytes).Id);
    }

    [Fact]
    public async Task Serialize_Envelope_SameBytesAsConfluentsAvroSerializer()
    {
        // Arrange: Confluent's serializer is the reference for the wire format.
        var registry = new InMemorySchemaRegistry();
        var serializer = new EnvelopeSerializer(registry, registry.Add(3, EnvelopeSchemas.Current), EnvelopeSchemas.Current);
        var reference = new AvroSerializer<GenericRecord>(registry, new AvroSerializerConfig { AutoRegisterSchemas = false, UseSchemaId = 3, SubjectNameStrategy = Confluent.SchemaRegistry.SubjectNameStrategy.Record });
        var record = await ReferenceReader(registry).DeserializeAsync(serializer.Serialize(Sample), isNull: false, Context);

        // Act
        var ours = serializer.Serialize(Sample);
        var theirs = await reference.SerializeAsync(record, Context);

        // Assert
        Assert.Equal(Convert.ToHexString(theirs), Convert.ToHexString(ours));
    }

    [Fact]
    public async Task Deserialize_ValueFromConfluentsAvroSerializer_ReadsEveryField()
    {
        // Arrange: a record built field by field and written by Confluent's serializer.
        var registry = new InMemorySchemaRegistry();
        var serializer = new EnvelopeSerializer(registry, registry.Add(4, EnvelopeSchemas.Current), EnvelopeSchemas.Current);
        var record = new GenericRecord(EnvelopeSchemas.Current);
        record.Add("id", "c-1");
        record.Add("source", "/confluent");
        record.Add("type", "t");
        record.Add("specversion", "1.0");
        record.Add("time", new DateTime(2026, 11, 23, 10, 0, 0, 500, DateTimeKind.Utc));
        record.Add("subject", null);
        record.Add("datacontenttype", "application/octet-stream");
        record.Add("dataschema", null);
        record.Add("extensions", new Dictionary<string, object> { ["attempt"] = 3L, ["traced"] = true, ["partitionkey"] = "k" });
        record.Add("data", new byte[] { 0, 255 });
        record.Add("data_encoding", new GenericEnum((EnumSchema)EnvelopeSchemas.Current["data_encoding"].Schema, "BINARY"));
        var value = await new AvroSerializer<GenericRecord>(registry, new AvroSerializerConfig { AutoRegisterSchemas = false, UseSchemaId = 4, SubjectNameStrategy = Confluent.SchemaRegistry.SubjectNameStrategy.Record })
            .SerializeAsync(record, Context);

        // Act
        var decoded = serializer.Deserialize(value);

        // Assert
        Assert.Equal(("c-1", "/confluent", "t"), (decoded.Id, decoded.Source, decoded.Type));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, 500, TimeSpan.Zero), decoded.Time);
        Assert.Equal("application/octet-stream", decoded.DataContentType);
        Assert.Equal((3L, true, "k"), (decoded.Extensions["attempt"], decoded.Extensions["traced"], decoded.Extensions["partitionkey"]));
        Assert.Equal([0, 255], decoded.Data!);
        Assert.Equal(EnvelopeDataEncoding.Binary, decoded.DataEncoding);
    }

    [Fact]
    public async Task Serialize_Envelope_ConfluentsAvroDeserializerReadsIt()
    {
        // Arrange
        var registry = new InMemorySchemaRegistry();
        var serializer = new EnvelopeSerializer(registry, registry.Add(5, EnvelopeSchemas.Current), EnvelopeSchemas.Current);

        // Act
        var record = await ReferenceReader(registry).DeserializeAsync(serializer.Serialize(Sample), isNull: false, Context);

        // Assert
        Assert.Equal(("e1", "/s", "t"), ((string)record["id"], (string)record["source"], (string)record["type"]));
        Assert.Equal(Sample.Time!.Value.UtcDateTime, (DateTime)record["time"]);
        Assert.Equal(false, ((IDictionary<string, object>)record["extensions"])["flag"]);
        Assert.Equal("JSON", ((GenericEnum)record["data_encoding"]).Value);
    }

    private static readonly SerializationContext Context = new(MessageComponentType.Value, "streams");

    private static AvroDeserializer<GenericRecord> ReferenceReader(InMemorySchemaRegistry registry) =>
        new(registry, new AvroDeserializerConfig { SubjectNameStrategy = Confluent.SchemaRegistry.SubjectNameStrategy.Record });
}

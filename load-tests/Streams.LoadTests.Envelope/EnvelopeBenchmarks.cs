using System.Text;
using System.Text.Json;
using Avro.Generic;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Streams.Envelope;
using Streams.Envelope.Tests;

namespace Streams.LoadTests.Envelope;

/// <summary>
/// Envelope encode and decode per event, next to same-run references: parsing the event's structured JSON with
/// System.Text.Json (what every hop did per event before the Avro envelope), and Confluent's own Avro serdes over a
/// generic and a specific record, the candidates <see cref="EnvelopeSerializer"/> was chosen against.
/// </summary>
[Config(typeof(BoundedConfig))]
public class EnvelopeBenchmarks
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "streams");

    private EnvelopeSerializer _serializer = null!;
    private SpecificEnvelopeSerializer _specific = null!;
    private AvroSerializer<GenericRecord> _confluentWriter = null!;
    private AvroDeserializer<GenericRecord> _confluentReader = null!;
    private GenericRecord _record = null!;
    private byte[] _json = null!;
    private CloudEventEnvelope _envelope = null!;
    private byte[] _value = null!;

    /// <summary>Size of the event's <c>data</c> in bytes.</summary>
    [Params(256, 4096)]
    public int DataBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // In memory, so the figures are the serdes' own; Confluent's client answers from its cache after the first record too.
        var registry = new InMemorySchemaRegistry();
        _serializer = new EnvelopeSerializer(registry, registry.Add(1, EnvelopeSchemas.Current), EnvelopeSchemas.Current);
        _specific = new SpecificEnvelopeSerializer(registry, 1);
        _confluentWriter = new AvroSerializer<GenericRecord>(registry, new AvroSerializerConfig { AutoRegisterSchemas = false, UseSchemaId = 1, SubjectNameStrategy = SubjectNameStrategy.Record });
        _confluentReader = new AvroDeserializer<GenericRecord>(registry, new AvroDeserializerConfig { SubjectNameStrategy = SubjectNameStrategy.Record });
        var data = new StringBuilder("{\"items\":[");
        while (data.Length < DataBytes - 40)
        {
            data.Append("{\"sku\":\"A-1234\",\"qty\":3,\"price\":19.99},");
        }

        data.Append("{\"end\":true}]}");
        _json = Encoding.UTF8.GetBytes($$"""
            {"specversion":"1.0","id":"7d3c9a1e-5f2b-4d8e-9a61-0c2f1b3e4d5a","source":"/shop/orders","type":"com.example.order.created",
             "time":"2026-11-23T10:00:00.123Z","subject":"order-42","datacontenttype":"application/json","partitionkey":"customer-17",
             "traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","data":{{data}}}
            """);
        _envelope = CloudEventJson.FromJson(_json);
        _value = _serializer.Serialize(_envelope);
        _record = _confluentReader.DeserializeAsync(_value, isNull: false, Context).GetAwaiter().GetResult();
        // Both paths must write the same bytes and read the same event, or their timings compare nothing.
        if (!_specific.Serialize(_envelope).AsSpan().SequenceEqual(_value)
            || !CloudEventJson.ToJson(_specific.Deserialize(_value)).AsSpan().SequenceEqual(CloudEventJson.ToJson(_serializer.Deserialize(_value))))
        {
            throw new InvalidOperationException("The specific-record serializer disagrees with the generic one.");
        }
    }

    [Benchmark(Baseline = true, Description = "reference: JsonDocument.Parse(event JSON)")]
    public int ParseJsonReference()
    {
        using var document = JsonDocument.Parse(_json);
        return document.RootElement.GetPropertyCount();
    }

    [Benchmark(Description = "encode: envelope -> Kafka value")]
    public byte[] Serialize() => _serializer.Serialize(_envelope);

    [Benchmark(Description = "decode: Kafka value -> envelope")]
    public CloudEventEnvelope Deserialize() => _serializer.Deserialize(_value);

    [Benchmark(Description = "Confluent AvroSerializer<GenericRecord>: record -> Kafka value")]
    public byte[] ConfluentSerialize() => _confluentWriter.SerializeAsync(_record, Context).GetAwaiter().GetResult();

    [Benchmark(Description = "Confluent AvroDeserializer<GenericRecord>: Kafka value -> record")]
    public GenericRecord ConfluentDeserialize() => _confluentReader.DeserializeAsync(_value, isNull: false, Context).GetAwaiter().GetResult();

    [Benchmark(Description = "encode, specific record: envelope -> Kafka value")]
    public byte[] SerializeSpecific() => _specific.Serialize(_envelope);

    [Benchmark(Description = "decode, specific record: Kafka value -> envelope")]
    public CloudEventEnvelope DeserializeSpecific() => _specific.Deserialize(_value);

    [Benchmark(Description = "event JSON -> envelope")]
    public CloudEventEnvelope FromJson() => CloudEventJson.FromJson(_json);

    [Benchmark(Description = "envelope -> event JSON")]
    public byte[] ToJson() => CloudEventJson.ToJson(_envelope);

    [Benchmark(Description = "ingest: event JSON -> Kafka value")]
    public byte[] JsonToValue() => _serializer.Serialize(CloudEventJson.FromJson(_json));

    [Benchmark(Description = "egress: Kafka value -> event JSON")]
    public byte[] ValueToJson() => CloudEventJson.ToJson(_serializer.Deserialize(_value));
}

using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Streams.Envelope;
using SpecificEnvelope = io.streams.Envelope;

namespace Streams.LoadTests.Envelope;

/// <summary>
/// The alternative to <see cref="EnvelopeSerializer"/> the benchmark weighs it against: Confluent's serdes over a
/// generated specific record, with the same conversions to and from <see cref="CloudEventEnvelope"/>.
/// </summary>
public sealed class SpecificEnvelopeSerializer(ISchemaRegistryClient registry, int schemaId)
{
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "streams");

    private readonly AvroSerializer<SpecificEnvelope> _serializer = new(registry, new AvroSerializerConfig
    {
        AutoRegisterSchemas = false,
        UseSchemaId = schemaId,
        SubjectNameStrategy = SubjectNameStrategy.Record,
    });

    private readonly AvroDeserializer<SpecificEnvelope> _deserializer = new(registry, new AvroDeserializerConfig { SubjectNameStrategy = SubjectNameStrategy.Record });

    public byte[] Serialize(CloudEventEnvelope envelope) => _serializer.SerializeAsync(
        new SpecificEnvelope
        {
            id = envelope.Id,
            source = envelope.Source,
            type = envelope.Type,
            specversion = envelope.SpecVersion,
            time = envelope.Time?.UtcDateTime,
            subject = envelope.Subject,
            datacontenttype = envelope.DataContentType,
            dataschema = envelope.DataSchema,
            extensions = envelope.Extensions as IDictionary<string, object> ?? new Dictionary<string, object>(envelope.Extensions),
            data = envelope.Data,
            data_encoding = envelope.DataEncoding == EnvelopeDataEncoding.Binary ? io.streams.DataEncoding.BINARY : io.streams.DataEncoding.JSON,
        },
        Context).GetAwaiter().GetResult();

    public CloudEventEnvelope Deserialize(byte[] value)
    {
        var record = _deserializer.DeserializeAsync(value, isNull: false, Context).GetAwaiter().GetResult();
        return new CloudEventEnvelope
        {
            Id = record.id,
            Source = record.source,
            Type = record.type,
            SpecVersion = record.specversion,
            Time = record.time is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null,
            Subject = record.subject,
            DataContentType = record.datacontenttype,
            DataSchema = record.dataschema,
            Extensions = (IReadOnlyDictionary<string, object>)record.extensions,
            Data = record.data,
            DataEncoding = record.data_encoding == io.streams.DataEncoding.BINARY ? EnvelopeDataEncoding.Binary : EnvelopeDataEncoding.Json,
        };
    }
}

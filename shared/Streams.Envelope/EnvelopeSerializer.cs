using System.Text.Json;
using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;

namespace Streams.Envelope;

/// <summary>
/// The one serializer for Kafka values: a <see cref="CloudEventEnvelope"/> as Avro in the Confluent wire format, written
/// and read by Confluent's <see cref="AvroSerializer{T}"/> and <see cref="AvroDeserializer{T}"/> over Apache.Avro
/// <see cref="GenericRecord"/>s, with writer schemas from the registry. Thread-safe; keep one per process.
/// </summary>
/// <remarks>
/// Values are written with the schema registered under <see cref="SchemaId"/> (never registering on the hot path) and
/// read with whatever schema their header names, so records of an older or newer envelope version decode as long as
/// the fields this build knows keep their types. Confluent's serdes cache schemas per id, so the registry is asked
/// once per id. The synchronous methods wait on tasks that complete at once after that first time; consumer threads may
/// block on the first record of a new writer schema, as Confluent's own <c>AsSyncOverAsync</c> does.
/// </remarks>
public sealed class EnvelopeSerializer
{
    // Subjects come from the record name (RecordNameStrategy), so the topic in the context is only informative.
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "streams");

    private readonly AvroSerializer<GenericRecord> _serializer;
    private readonly AvroDeserializer<GenericRecord> _deserializer;
    private readonly EnvelopeRecordWriter _records;

    /// <summary>Creates a serializer that writes with the schema registered under <paramref name="schemaId"/>.</summary>
    /// <param name="registry">Where writer schemas are looked up by id (Confluent's <c>CachedSchemaRegistryClient</c>).</param>
    /// <param name="schemaId">The registry id of <paramref name="writerSchema"/>.</param>
    /// <param name="writerSchema">The schema values are written with: <see cref="EnvelopeSchemas.Current"/>, or a compatible
    /// envelope schema registered by someone else; fields this build does not know get their defaults.</param>
    /// <exception cref="ArgumentException">The writer schema is not an envelope record this build can fill.</exception>
    public EnvelopeSerializer(ISchemaRegistryClient registry, int schemaId, Avro.Schema writerSchema)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(writerSchema);
        if (writerSchema is not RecordSchema record)
        {
            throw new ArgumentException($"An envelope schema is a record, not {writerSchema.Tag}.", nameof(writerSchema));
        }

        _records = new EnvelopeRecordWriter(record);
        _serializer = new AvroSerializer<GenericRecord>(registry, new AvroSerializerConfig
        {
            AutoRegisterSchemas = false,
            UseSchemaId = schemaId,
            SubjectNameStrategy = SubjectNameStrategy.Record,
        });
        _deserializer = new AvroDeserializer<GenericRecord>(registry, new AvroDeserializerConfig { SubjectNameStrategy = SubjectNameStrategy.Record });
        SchemaId = schemaId;
    }

    /// <summary>The registry id written in every value's header.</summary>
    public int SchemaId { get; }

    /// <summary>Encodes an envelope as a Kafka value.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The Confluent-framed Avro bytes.</returns>
    /// <exception cref="ArgumentException">An extension value is not a string, boolean or integer.</exception>
    /// <exception cref="SchemaRegistryUnavailableException">The registry could not be asked for the writer schema (first use only).</exception>
    public byte[] Serialize(CloudEventEnvelope envelope) => SerializeAsync(envelope).GetAwaiter().GetResult();

    /// <inheritdoc cref="Serialize"/>
    public async Task<byte[]> SerializeAsync(CloudEventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        try
        {
            return await _serializer.SerializeAsync(_records.ToRecord(envelope), Context).ConfigureAwait(false);
        }
        catch (AvroException ex)
        {
            throw new ArgumentException($"Envelope {envelope.Id} cannot be encoded: {ex.Message}", nameof(envelope), ex);
        }
        catch (Exception ex) when (RegistryFailures.IsUnavailable(ex))
        {
            throw new SchemaRegistryUnavailableException($"The schema registry did not answer for schema {SchemaId}: {ex.Message}", ex);
        }
    }

    /// <summary>Decodes a Kafka value.</summary>
    /// <param name="value">The Confluent-framed Avro bytes.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="EnvelopeDecodeException">The value can never be decoded: a poison record, to dead-letter.</exception>
    /// <exception cref="SchemaRegistryUnavailableException">The registry could not be asked for the writer's schema; retry later.</exception>
    public CloudEventEnvelope Deserialize(ReadOnlyMemory<byte> value) => DeserializeAsync(value).GetAwaiter().GetResult();

    /// <inheritdoc cref="Deserialize"/>
    public async Task<CloudEventEnvelope> DeserializeAsync(ReadOnlyMemory<byte> value)
    {
        // Checked here, not left to the deserializer, so that a value from before the envelope gets its own reason.
        if (value.Length < 5 || value.Span[0] != 0)
        {
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.NotFramed, $"A {value.Length}-byte value is not in the Confluent wire format (magic byte 0, 4-byte schema id).");
        }

        GenericRecord record;
        try
        {
            record = await _deserializer.DeserializeAsync(value, isNull: false, Context).ConfigureAwait(false);
        }
        catch (Exception ex) when (RegistryFailures.IsSchemaNotFound(ex))
        {
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.UnknownSchemaId, $"The registry has no schema with the id in this value: {ex.Message}", ex);
        }
        catch (Exception ex) when (RegistryFailures.IsUnavailable(ex))
        {
            throw new SchemaRegistryUnavailableException($"The schema registry did not answer for the value's schema: {ex.Message}", ex);
        }
        catch (InvalidCastException ex)
        {
            // The deserializer read the payload with its writer schema and got something other than a record.
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.IncompatibleSchema, $"The value's schema is not a record, so not an envelope: {ex.Message}", ex);
        }
        catch (SchemaParseException ex)
        {
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.IncompatibleSchema, $"The value's schema is not an Avro schema this build can read: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Apache.Avro reports a truncated or garbled payload as whatever its decoder met (AvroException, EndOfStreamException,
            // IndexOutOfRangeException, OverflowException...): every one of them means these bytes will never decode.
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.MalformedPayload, $"The payload does not decode: {ex.GetType().Name}: {ex.Message}", ex);
        }

        var envelope = EnvelopeRecordReader.FromRecord(record);
        if (envelope.DataEncoding == EnvelopeDataEncoding.Json && envelope.Data is { } data && !IsOneJsonValue(data))
        {
            // Caught here rather than when egress writes the event into a webhook batch, where it would spoil the batch.
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.MalformedPayload, $"Envelope {envelope.Id} says its data is JSON, but it is not one valid JSON value.");
        }

        return envelope;
    }

    private static bool IsOneJsonValue(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

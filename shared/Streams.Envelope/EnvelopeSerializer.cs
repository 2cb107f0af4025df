using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using Avro;
using Avro.Generic;
using Avro.IO;
using Confluent.Kafka;
using Confluent.SchemaRegistry;

namespace Streams.Envelope;

/// <summary>
/// The one serializer for Kafka values: a <see cref="CloudEventEnvelope"/> as Avro in the Confluent wire format, the
/// bytes Confluent's <c>AvroSerializer&lt;GenericRecord&gt;</c> writes and its <c>AvroDeserializer</c> reads (tests hold
/// it to both). Thread-safe; keep one per process.
/// </summary>
/// <remarks>
/// Built from the libraries' parts rather than their serdes: Confluent's schema-id encoder and decoder frame the value,
/// Confluent's <see cref="ISchemaRegistryClient"/> (cached) supplies writer schemas by id, and Apache.Avro's
/// <see cref="GenericDatumWriter{T}"/> and <see cref="GenericDatumReader{T}"/> encode and decode, one reader per writer id. The
/// serdes themselves cost 12–16 µs of CPU per value here (their rule-execution continuations hop through the thread
/// pool twice per call), which cut ingest to a quarter of its throughput; see docs/benchmarks.md. Values are written
/// with the schema registered under <see cref="SchemaId"/> and read with their writer's schema, by field name, so
/// records of an older or newer envelope version decode as long as the fields this build knows keep their types.
/// </remarks>
public sealed class EnvelopeSerializer
{
    private static readonly ISchemaIdEncoder Framing = SchemaIdSerializerStrategy.Prefix.ToEncoder();
    private static readonly ISchemaIdDecoder Unframing = SchemaIdDeserializerStrategy.Prefix.ToDeserializer();
    private static readonly SerializationContext Context = new(MessageComponentType.Value, "streams");

    private readonly ISchemaRegistryClient _registry;
    private readonly EnvelopeRecordWriter _records;
    private readonly GenericDatumWriter<GenericRecord> _writer;
    private readonly SchemaId _schemaId;
    private readonly int _headerLength;
    private readonly ConcurrentDictionary<int, GenericDatumReader<GenericRecord>> _readers = new();

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

        _registry = registry;
        _records = new EnvelopeRecordWriter(record);
        _writer = new GenericDatumWriter<GenericRecord>(record);
        var id = new SchemaId(SchemaType.Avro) { Id = schemaId };
        _headerLength = Framing.CalculateSize(ref id);
        _schemaId = id;
        SchemaId = schemaId;
    }

    /// <summary>The registry id written in every value's header.</summary>
    public int SchemaId { get; }

    /// <summary>Encodes an envelope as a Kafka value.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The Confluent-framed Avro bytes.</returns>
    /// <exception cref="ArgumentException">An extension value is not a string, boolean or integer.</exception>
    public byte[] Serialize(CloudEventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        using var buffer = new MemoryStream(256 + (envelope.Data?.Length ?? 0));
        buffer.Position = _headerLength;
        try
        {
            _writer.Write(_records.ToRecord(envelope), new BinaryEncoder(buffer));
        }
        catch (AvroException ex)
        {
            throw new ArgumentException($"Envelope {envelope.Id} cannot be encoded: {ex.Message}", nameof(envelope), ex);
        }

        var value = buffer.ToArray();
        var context = Context;
        var id = _schemaId;
        Framing.Encode(value.AsSpan(0, _headerLength), ref context, ref id);
        return value;
    }

    /// <summary>Decodes a Kafka value.</summary>
    /// <param name="value">The Confluent-framed Avro bytes.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="EnvelopeDecodeException">The value can never be decoded: a poison record, to dead-letter.</exception>
    /// <exception cref="SchemaRegistryUnavailableException">The registry could not be asked for the writer's schema; retry later.</exception>
    public CloudEventEnvelope Deserialize(ReadOnlyMemory<byte> value)
    {
        // Checked here so that a value from before the envelope (or no envelope at all) gets its own reason.
        if (value.Length < 5 || value.Span[0] != 0)
        {
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.NotFramed, $"A {value.Length}-byte value is not in the Confluent wire format (magic byte 0, 4-byte schema id).");
        }

        var writerId = new SchemaId(SchemaType.Avro);
        var payload = Unframing.Decode(value, Context, ref writerId);
        var reader = ReaderFor(writerId.Id!.Value);
        GenericRecord record;
        try
        {
            using var stream = MemoryMarshal.TryGetArray(payload, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(payload.ToArray(), writable: false);
            record = reader.Read(null!, new BinaryDecoder(stream));
        }
        catch (InvalidCastException ex)
        {
            // The payload was read with its writer's schema and is something other than a record.
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.IncompatibleSchema, $"Schema {writerId.Id} is not a record, so not an envelope: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Apache.Avro reports a truncated or garbled payload as whatever its decoder met (AvroException, EndOfStreamException,
            // IndexOutOfRangeException, OverflowException...): every one of them means these bytes will never decode.
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.MalformedPayload, $"The payload does not decode with schema {writerId.Id}: {ex.GetType().Name}: {ex.Message}", ex);
        }

        var envelope = EnvelopeRecordReader.FromRecord(record);
        if (envelope.DataEncoding == EnvelopeDataEncoding.Json && envelope.Data is { } data && !IsOneJsonValue(data))
        {
            // Caught here rather than when egress writes the event into a webhook batch, where it would spoil the batch.
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.MalformedPayload, $"Envelope {envelope.Id} says its data is JSON, but it is not one valid JSON value.");
        }

        return envelope;
    }

    /// <summary>The reader for a writer id: from the cache, or built from the registry's schema the first time the id is met.</summary>
    private GenericDatumReader<GenericRecord> ReaderFor(int id)
    {
        if (_readers.TryGetValue(id, out var cached))
        {
            return cached;
        }

        Confluent.SchemaRegistry.Schema registered;
        try
        {
            // Blocks the first record of each writer id only; consumer threads may block.
            registered = _registry.GetSchemaAsync(id).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (RegistryFailures.IsSchemaNotFound(ex))
        {
            // Not remembered: the id may be registered a moment later by a producer that is ahead of this hop.
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.UnknownSchemaId, $"The registry has no schema with id {id}.", ex);
        }
        catch (Exception ex) when (RegistryFailures.IsUnavailable(ex))
        {
            throw new SchemaRegistryUnavailableException($"The schema registry did not answer for schema {id}: {ex.Message}", ex);
        }

        Avro.Schema writer;
        try
        {
            writer = EnvelopeSchemas.Parse(registered);
        }
        catch (AvroException ex)
        {
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.IncompatibleSchema, $"Schema {id} is not an Avro schema this build can read: {ex.Message}", ex);
        }

        return _readers.GetOrAdd(id, new GenericDatumReader<GenericRecord>(writer, writer));
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

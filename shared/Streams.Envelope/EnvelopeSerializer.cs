using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using Streams.Avro;

namespace Streams.Envelope;

/// <summary>
/// The one serializer for Kafka values: a <see cref="CloudEventEnvelope"/> as Avro in the Confluent wire format
/// (magic byte 0, 4-byte big-endian schema id, Avro binary). Thread-safe; keep one per process.
/// </summary>
/// <remarks>
/// Values are written with the writer schema registered under <see cref="SchemaId"/> and read with whatever schema
/// their header names, resolved to <see cref="EnvelopeSchemas.Current"/>, so records written by an older or newer
/// envelope version decode as long as the versions are compatible. Writer schemas are fetched from the registry
/// once per id; the resolution is worked out once per id.
/// </remarks>
public sealed class EnvelopeSerializer
{
    private static readonly RecordSchema ReaderSchema = EnvelopeSchemas.Current;
    private static readonly int[] ReaderPositions = [.. EnvelopeFields.All.Select(name => ReaderSchema.Fields.Single(f => f.Name == name).Position)];

    private readonly ISchemaRegistryClient _registry;
    private readonly GenericDatumWriter _writer;
    private readonly RecordSchema _writerSchema;
    private readonly Func<CloudEventEnvelope, object?>[] _writeFields;
    private readonly ConcurrentDictionary<int, ReaderOrError> _readers = new();

    /// <summary>Creates a serializer that writes with the schema registered under <paramref name="schemaId"/>.</summary>
    /// <param name="registry">Where writer schemas of incoming values are looked up by id.</param>
    /// <param name="schemaId">The registry id of <paramref name="writerSchema"/>.</param>
    /// <param name="writerSchema">The schema values are written with: <see cref="EnvelopeSchemas.Current"/>, or a compatible
    /// envelope schema registered by someone else; fields this build does not know get their defaults.</param>
    /// <exception cref="ArgumentException">The writer schema is not an envelope record this build can fill.</exception>
    public EnvelopeSerializer(ISchemaRegistryClient registry, int schemaId, AvroSchema writerSchema)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(writerSchema);
        if (writerSchema is not RecordSchema record)
        {
            throw new ArgumentException($"An envelope schema is a record, not {writerSchema}.", nameof(writerSchema));
        }

        if (!AvroSchemaCompatibility.CanRead(writerSchema, ReaderSchema, out var incompatibility))
        {
            throw new ArgumentException($"Schema {schemaId} cannot be read as the envelope: {incompatibility}", nameof(writerSchema));
        }

        _registry = registry;
        _writerSchema = record;
        _writer = new GenericDatumWriter(record);
        _writeFields = [.. record.Fields.Select(FieldWriter)];
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
        var record = new GenericRecord(_writerSchema);
        for (var i = 0; i < _writeFields.Length; i++)
        {
            record[i] = _writeFields[i](envelope);
        }

        try
        {
            return ConfluentWireFormat.Serialize(SchemaId, _writer, record);
        }
        catch (AvroException ex)
        {
            throw new ArgumentException($"Envelope {envelope.Id} cannot be encoded: {ex.Message}", nameof(envelope), ex);
        }
    }

    /// <summary>Decodes a Kafka value.</summary>
    /// <param name="value">The Confluent-framed Avro bytes.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="EnvelopeDecodeException">The value can never be decoded: a poison record, to dead-letter.</exception>
    /// <exception cref="SchemaRegistryException">The registry could not be asked for the writer's schema; retry later.</exception>
    public CloudEventEnvelope Deserialize(ReadOnlySpan<byte> value)
    {
        int schemaId;
        ReadOnlySpan<byte> payload;
        try
        {
            schemaId = ConfluentWireFormat.ReadHeader(value, out payload);
        }
        catch (AvroException ex)
        {
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.NotFramed, ex.Message, ex);
        }

        var reader = ReaderFor(schemaId);
        object? decoded;
        try
        {
            decoded = reader.Read(payload);
        }
        catch (AvroException ex)
        {
            throw new EnvelopeDecodeException(EnvelopeDecodeReason.MalformedPayload, $"The payload does not decode with schema {schemaId}: {ex.Message}", ex);
        }

        var envelope = ToEnvelope((GenericRecord)decoded!);
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

    private GenericDatumReader ReaderFor(int schemaId)
    {
        if (!_readers.TryGetValue(schemaId, out var entry))
        {
            entry = Resolve(schemaId);
            if (entry.Reason is EnvelopeDecodeReason.UnknownSchemaId)
            {
                // Not remembered: the id may be registered a moment later by a producer that is ahead of this hop.
                throw new EnvelopeDecodeException(entry.Reason.Value, entry.Error!);
            }

            entry = _readers.GetOrAdd(schemaId, entry);
        }

        return entry.Reader ?? throw new EnvelopeDecodeException(entry.Reason!.Value, entry.Error!);
    }

    private ReaderOrError Resolve(int schemaId)
    {
        AvroSchema writerSchema;
        try
        {
            writerSchema = _registry.GetSchema(schemaId);
        }
        catch (SchemaRegistryException ex) when (ex.IsSchemaNotFound)
        {
            return new ReaderOrError(null, EnvelopeDecodeReason.UnknownSchemaId, $"The registry has no schema with id {schemaId}.");
        }
        catch (AvroSchemaException ex)
        {
            return new ReaderOrError(null, EnvelopeDecodeReason.IncompatibleSchema, $"Schema {schemaId} is not an Avro schema: {ex.Message}");
        }

        try
        {
            return new ReaderOrError(new GenericDatumReader(writerSchema, ReaderSchema), null, null);
        }
        catch (AvroSchemaException ex)
        {
            return new ReaderOrError(null, EnvelopeDecodeReason.IncompatibleSchema, $"Schema {schemaId} cannot be read as the envelope: {ex.Message}");
        }
    }

    private static CloudEventEnvelope ToEnvelope(GenericRecord record)
    {
        object? Field(int index) => record[ReaderPositions[index]];
        var extensions = (IDictionary)Field(8)!;
        var copy = new Dictionary<string, object>(extensions.Count, StringComparer.Ordinal);
        foreach (DictionaryEntry entry in extensions)
        {
            copy[(string)entry.Key] = entry.Value!;
        }

        return new CloudEventEnvelope
        {
            Id = (string)Field(0)!,
            Source = (string)Field(1)!,
            Type = (string)Field(2)!,
            SpecVersion = (string)Field(3)!,
            Time = (DateTimeOffset?)Field(4),
            Subject = (string?)Field(5),
            DataContentType = (string?)Field(6),
            DataSchema = (string?)Field(7),
            Extensions = copy,
            Data = (byte[]?)Field(9),
            DataEncoding = ((GenericEnumSymbol)Field(10)!).Symbol == "BINARY" ? EnvelopeDataEncoding.Binary : EnvelopeDataEncoding.Json,
        };
    }

    private static Func<CloudEventEnvelope, object?> FieldWriter(AvroField field) => field.Name switch
    {
        "id" => e => e.Id,
        "source" => e => e.Source,
        "type" => e => e.Type,
        "specversion" => e => e.SpecVersion,
        "time" => e => e.Time,
        "subject" => e => e.Subject,
        "datacontenttype" => e => e.DataContentType,
        "dataschema" => e => e.DataSchema,
        "extensions" => e => e.Extensions as IDictionary ?? e.Extensions.ToDictionary(StringComparer.Ordinal),
        "data" => e => e.Data,
        "data_encoding" => EncodingWriter((EnumSchema)field.Schema),
        // A field of a newer envelope version this build does not know: its default, as a reader would fill it in.
        _ => _ => field.DefaultValue,
    };

    private static Func<CloudEventEnvelope, object?> EncodingWriter(EnumSchema schema)
    {
        var json = schema.GetValue("JSON");
        var binary = schema.GetValue("BINARY");
        return e => e.DataEncoding == EnvelopeDataEncoding.Binary ? binary : json;
    }

    private sealed record ReaderOrError(GenericDatumReader? Reader, EnvelopeDecodeReason? Reason, string? Error);
}

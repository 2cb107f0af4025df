using Avro.Generic;

namespace Streams.Envelope;

/// <summary>
/// Reads a <see cref="CloudEventEnvelope"/> out of a record decoded with its writer's schema, by field name, so any
/// envelope version whose fields keep their types is read (fields this build does not know are skipped, fields the
/// writer lacks are absent). A record that is not an envelope is a poison record.
/// </summary>
internal static class EnvelopeRecordReader
{
    /// <exception cref="EnvelopeDecodeException">The writer's schema is not an envelope (<see cref="EnvelopeDecodeReason.IncompatibleSchema"/>).</exception>
    public static CloudEventEnvelope FromRecord(GenericRecord record) => new()
    {
        Id = Required(record, "id"),
        Source = Required(record, "source"),
        Type = Required(record, "type"),
        SpecVersion = Required(record, "specversion"),
        Time = Optional<DateTime?>(record, "time") is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null,
        Subject = Optional<string>(record, "subject"),
        DataContentType = Optional<string>(record, "datacontenttype"),
        DataSchema = Optional<string>(record, "dataschema"),
        Extensions = Extensions(record),
        Data = Optional<byte[]>(record, "data"),
        DataEncoding = Optional<GenericEnum>(record, "data_encoding")?.Value == "BINARY" ? EnvelopeDataEncoding.Binary : EnvelopeDataEncoding.Json,
    };

    /// <exception cref="EnvelopeDecodeException">An extension integer is beyond 32 bits (<see cref="EnvelopeDecodeReason.MalformedPayload"/>).</exception>
    private static Dictionary<string, object> Extensions(GenericRecord record)
    {
        var extensions = Optional<Dictionary<string, object>>(record, "extensions") ?? [];
        foreach (var (name, value) in extensions)
        {
            // CloudEvents integers are 32-bit; the schema's long only carries them. No hop writes a wider one.
            if (value is long number and (< int.MinValue or > int.MaxValue))
            {
                throw new EnvelopeDecodeException(EnvelopeDecodeReason.MalformedPayload, $"Extension '{name}' holds {number}, beyond the 32-bit integers CloudEvents allows.");
            }
        }

        return extensions;
    }

    private static string Required(GenericRecord record, string field) =>
        Optional<string>(record, field) ?? throw Incompatible(record, $"it has no string field '{field}'");

    private static T? Optional<T>(GenericRecord record, string field) => !record.TryGetValue(field, out var value) || value is null
        ? default
        : value is T typed ? typed : throw Incompatible(record, $"its field '{field}' holds {value.GetType().Name}, not {typeof(T).Name}");

    private static EnvelopeDecodeException Incompatible(GenericRecord record, string why) =>
        new(EnvelopeDecodeReason.IncompatibleSchema, $"Records of schema {record.Schema.Fullname} cannot be read as the envelope: {why}.");
}

using System.Collections.Frozen;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace Streams.Envelope;

/// <summary>
/// Fills a <see cref="GenericRecord"/> of one writer schema from a <see cref="CloudEventEnvelope"/>: the schema this
/// build ships, or a compatible envelope version registered by someone else, whose fields this build does not know
/// get their defaults.
/// </summary>
internal sealed class EnvelopeRecordWriter
{
    private readonly RecordSchema _schema;
    private readonly Func<CloudEventEnvelope, object?>[] _fields;

    /// <exception cref="ArgumentException">The schema is not an envelope this build can fill.</exception>
    public EnvelopeRecordWriter(RecordSchema schema)
    {
        _schema = schema;
        var defaults = ReferenceEquals(schema, EnvelopeSchemas.Current) ? FrozenDictionary<string, object?>.Empty : DefaultsOf(schema);
        _fields = [.. schema.Fields.Select(field => FieldWriter(field, defaults))];
    }

    public GenericRecord ToRecord(CloudEventEnvelope envelope)
    {
        var record = new GenericRecord(_schema);
        for (var position = 0; position < _fields.Length; position++)
        {
            record.Add(position, _fields[position](envelope));
        }

        return record;
    }

    private static Func<CloudEventEnvelope, object?> FieldWriter(Field field, FrozenDictionary<string, object?> defaults) => field.Name switch
    {
        "id" => e => e.Id,
        "source" => e => e.Source,
        "type" => e => e.Type,
        "specversion" => e => e.SpecVersion,
        "time" => e => e.Time?.UtcDateTime,
        "subject" => e => e.Subject,
        "datacontenttype" => e => e.DataContentType,
        "dataschema" => e => e.DataSchema,
        "extensions" => e => e.Extensions as IDictionary<string, object> ?? new Dictionary<string, object>(e.Extensions, StringComparer.Ordinal),
        "data" => e => e.Data,
        "data_encoding" => EncodingWriter(field.Schema as EnumSchema
            ?? throw new ArgumentException($"The envelope field data_encoding is {field.Schema.Tag}, not an enum.", nameof(field))),
        _ => defaults.TryGetValue(field.Name, out var value) ? _ => value : throw new ArgumentException($"The envelope field {field.Name} has no default this build could fill in.", nameof(field)),
    };

    private static Func<CloudEventEnvelope, object?> EncodingWriter(EnumSchema schema)
    {
        var json = new GenericEnum(schema, "JSON");
        var binary = new GenericEnum(schema, "BINARY");
        return e => e.DataEncoding == EnvelopeDataEncoding.Binary ? binary : json;
    }

    /// <summary>
    /// The defaults of the fields <paramref name="schema"/> has beyond this build's envelope, found the way a reader
    /// finds them: a record of this build's schema is read back as <paramref name="schema"/> by Avro's own resolution.
    /// </summary>
    private static FrozenDictionary<string, object?> DefaultsOf(RecordSchema schema)
    {
        var sample = new EnvelopeRecordWriter(EnvelopeSchemas.Current).ToRecord(new CloudEventEnvelope { Id = "", Source = "", Type = "" });
        using var buffer = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(EnvelopeSchemas.Current).Write(sample, new BinaryEncoder(buffer));
        buffer.Position = 0;
        GenericRecord resolved;
        try
        {
            resolved = new GenericDatumReader<GenericRecord>(EnvelopeSchemas.Current, schema).Read(null!, new BinaryDecoder(buffer));
        }
        catch (AvroException ex)
        {
            throw new ArgumentException($"Schema {schema.Fullname} cannot be written from this build's envelope: {ex.Message}", nameof(schema), ex);
        }

        return schema.Fields
            .Where(field => !EnvelopeSchemas.Current.Contains(field.Name))
            .ToFrozenDictionary(field => field.Name, field => (object?)resolved.GetValue(field.Pos), StringComparer.Ordinal);
    }
}

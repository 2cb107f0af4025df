// The shape avrogen gives io.streams.Envelope (written by hand: avrogen is not served here). Apache.Avro finds a
// specific record's class by the schema's full name, hence the namespace, which breaks this repo's naming rules.
#pragma warning disable IDE1006, CA1716, CA1707, CA1720, CA1819, CA2227
using Avro;
using Avro.Specific;
using Streams.Envelope;

namespace io.streams;

/// <summary>The envelope as a generated specific record, for comparing Confluent's specific and generic serdes.</summary>
public sealed class Envelope : ISpecificRecord
{
    public Schema Schema => EnvelopeSchemas.Current;

    public string id { get; set; } = "";

    public string source { get; set; } = "";

    public string type { get; set; } = "";

    public string specversion { get; set; } = "";

    public DateTime? time { get; set; }

    public string? subject { get; set; }

    public string? datacontenttype { get; set; }

    public string? dataschema { get; set; }

    public IDictionary<string, object> extensions { get; set; } = new Dictionary<string, object>();

    public byte[]? data { get; set; }

    public DataEncoding data_encoding { get; set; }

    public object? Get(int fieldPos) => fieldPos switch
    {
        0 => id,
        1 => source,
        2 => type,
        3 => specversion,
        4 => time,
        5 => subject,
        6 => datacontenttype,
        7 => dataschema,
        8 => extensions,
        9 => data,
        10 => data_encoding,
        _ => throw new AvroRuntimeException($"Bad index {fieldPos} in Get()"),
    };

    public void Put(int fieldPos, object fieldValue)
    {
        switch (fieldPos)
        {
            case 0: id = (string)fieldValue; break;
            case 1: source = (string)fieldValue; break;
            case 2: type = (string)fieldValue; break;
            case 3: specversion = (string)fieldValue; break;
            case 4: time = (DateTime?)fieldValue; break;
            case 5: subject = (string?)fieldValue; break;
            case 6: datacontenttype = (string?)fieldValue; break;
            case 7: dataschema = (string?)fieldValue; break;
            case 8: extensions = (IDictionary<string, object>)fieldValue; break;
            case 9: data = (byte[]?)fieldValue; break;
            case 10: data_encoding = (DataEncoding)fieldValue; break;
            default: throw new AvroRuntimeException($"Bad index {fieldPos} in Put()");
        }
    }
}

using Microsoft.Net.Http.Headers;

namespace Streams.Envelope;

/// <summary>
/// The attributes of one event as <see cref="CloudEventReader"/> meets them, each checked as it is set; what can only
/// be checked once the whole event is read (required attributes, one kind of data) is left to <see cref="Check"/>.
/// </summary>
internal sealed class CloudEventFields
{
    private static readonly string[] RequiredAttributes = ["specversion", "id", "source", "type"];

    private int _seenRequired;
    private string? _id;
    private string? _source;
    private string? _type;
    private string? _subject;
    private string? _dataContentType;
    private string? _dataSchema;
    private DateTimeOffset? _time;
    private int _dataMembers;

    public Dictionary<string, object> Extensions { get; } = new(StringComparer.Ordinal);

    public byte[]? Data { get; set; }

    public EnvelopeDataEncoding DataEncoding { get; set; } = EnvelopeDataEncoding.Json;

    /// <summary>Marks an attribute as present, even when its value turns out to be wrong, so it is not also reported missing.</summary>
    public void Seen(string name) => _seenRequired |= RequiredBit(name);

    /// <summary>Counts a <c>data</c> or <c>data_base64</c> member.</summary>
    public void DataSeen() => _dataMembers++;

    /// <summary>Sets a string attribute; returns what is wrong with its value, or null.</summary>
    public string? Set(string name, string text)
    {
        switch (name)
        {
            case "specversion":
                return text == "1.0" ? null : $"Only CloudEvents 1.0 is accepted, was '{text}'.";
            case "id":
                _id = text;
                return null;
            case "source":
                _source = text;
                return Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out _) ? null : "must be a URI-reference.";
            case "type":
                _type = text;
                return null;
            case "subject":
                _subject = text;
                return null;
            case "datacontenttype":
                _dataContentType = text;
                return MediaTypeHeaderValue.TryParse(text, out _) ? null : $"'{text}' is not an RFC 2046 media type.";
            case "dataschema":
                _dataSchema = text;
                return Uri.TryCreate(text, UriKind.Absolute, out _) ? null : "must be an absolute URI.";
            case "time":
                if (!Rfc3339.TryParse(text, out var time))
                {
                    return $"'{text}' is not an RFC 3339 timestamp such as 2026-11-23T10:00:00.000Z.";
                }

                _time = time;
                return null;
            default:
                // partitionkey: the CloudEvents partitioning extension, a string the key is taken from.
                Extensions[name] = text;
                return null;
        }
    }

    /// <summary>What is wrong with the event as a whole, by attribute.</summary>
    public IEnumerable<(string Field, string Detail)> Check()
    {
        foreach (var name in RequiredAttributes)
        {
            if ((_seenRequired & RequiredBit(name)) == 0)
            {
                yield return (name, $"The required attribute '{name}' is missing.");
            }
        }

        if (_dataMembers > 1)
        {
            yield return ("data_base64", "An event carries either 'data' or 'data_base64', not both.");
        }
    }

    private static int RequiredBit(string name) => Array.IndexOf(RequiredAttributes, name) is var position and >= 0 ? 1 << position : 0;

    /// <summary>The envelope; only once <see cref="Check"/> and every <see cref="Set"/> found nothing wrong.</summary>
    public CloudEventEnvelope ToEnvelope() => new()
    {
        Id = _id!,
        Source = _source!,
        Type = _type!,
        Time = _time,
        Subject = _subject,
        DataContentType = _dataContentType,
        DataSchema = _dataSchema,
        Extensions = Extensions,
        Data = Data,
        DataEncoding = DataEncoding,
    };
}

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Streams.Envelope;

/// <summary>
/// Converts between <see cref="CloudEventEnvelope"/> and the CloudEvents structured JSON format that ingest receives
/// and egress sends (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md).
/// </summary>
/// <remarks>
/// JSON → envelope → JSON keeps every attribute, extension and the data: <c>data</c> is kept as the exact UTF-8 text
/// of its JSON value and written back unchanged, <c>data_base64</c> as the decoded bytes and written back as base64.
/// <c>time</c> is kept to the millisecond and written back in UTC (<c>2026-11-23T10:00:00.123Z</c>): the same instant,
/// not always the same text. An attribute whose value is JSON <c>null</c> is treated as absent, as the format says.
/// </remarks>
public static class CloudEventJson
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Reads one event in structured JSON.</summary>
    /// <param name="utf8Json">The event's UTF-8 JSON text.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="CloudEventFormatException">The text is not JSON or not a CloudEvent the envelope can hold.</exception>
    public static CloudEventEnvelope FromJson(ReadOnlyMemory<byte> utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException ex)
        {
            throw new CloudEventFormatException($"The event is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            return FromJson(document.RootElement);
        }
    }

    /// <summary>Reads one event in structured JSON, e.g. an element of a batch array.</summary>
    /// <param name="element">The event's JSON object.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="CloudEventFormatException">The JSON is not a CloudEvent the envelope can hold.</exception>
    public static CloudEventEnvelope FromJson(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new CloudEventFormatException(null, "An event must be a JSON object.");
        }

        string? id = null, source = null, type = null, specVersion = null, subject = null, dataContentType = null, dataSchema = null;
        DateTimeOffset? time = null;
        byte[]? data = null;
        var encoding = EnvelopeDataEncoding.Json;
        var extensions = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            if (value.ValueKind == JsonValueKind.Null && member.Name != "data")
            {
                continue;
            }

            switch (member.Name)
            {
                case "id": id = String(member); break;
                case "source": source = String(member); break;
                case "type": type = String(member); break;
                case "specversion": specVersion = String(member); break;
                case "subject": subject = String(member); break;
                case "datacontenttype": dataContentType = String(member); break;
                case "dataschema": dataSchema = String(member); break;
                case "time": time = Time(member); break;
                case "data":
                    CheckSingleData(data, member.Name);
                    data = JsonMarshal.GetRawUtf8Value(value).ToArray();
                    encoding = EnvelopeDataEncoding.Json;
                    break;
                case "data_base64":
                    CheckSingleData(data, member.Name);
                    data = Base64(member);
                    encoding = EnvelopeDataEncoding.Binary;
                    break;
                default:
                    extensions[ExtensionName(member.Name)] = ExtensionValue(member);
                    break;
            }
        }

        return new CloudEventEnvelope
        {
            Id = Required(id, "id"),
            Source = Required(source, "source"),
            Type = Required(type, "type"),
            SpecVersion = Required(specVersion, "specversion"),
            Time = time,
            Subject = subject,
            DataContentType = dataContentType,
            DataSchema = dataSchema,
            Extensions = extensions,
            Data = data,
            DataEncoding = encoding,
        };
    }

    /// <summary>Writes an envelope as one event in structured JSON.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <returns>The event's UTF-8 JSON text.</returns>
    public static byte[] ToJson(CloudEventEnvelope envelope)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, envelope);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes an envelope as one event in structured JSON, e.g. as an element of a batch array.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="envelope">The envelope.</param>
    public static void Write(Utf8JsonWriter writer, CloudEventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(envelope);
        writer.WriteStartObject();
        writer.WriteString("specversion", envelope.SpecVersion);
        writer.WriteString("id", envelope.Id);
        writer.WriteString("source", envelope.Source);
        writer.WriteString("type", envelope.Type);
        // The normaliser's canonical attribute order, so the JSON a receiver gets is the canonical form.
        WriteOptional(writer, "datacontenttype", envelope.DataContentType);
        WriteOptional(writer, "dataschema", envelope.DataSchema);
        WriteOptional(writer, "subject", envelope.Subject);
        if (envelope.Time is { } time)
        {
            writer.WriteString("time", time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
        }
        foreach (var (name, value) in envelope.Extensions)
        {
            switch (value)
            {
                case string text: writer.WriteString(name, text); break;
                case bool flag: writer.WriteBoolean(name, flag); break;
                case long number: writer.WriteNumber(name, number); break;
                case int number: writer.WriteNumber(name, number); break;
                default: throw new ArgumentException($"Extension '{name}' of envelope {envelope.Id} is a {value?.GetType().Name ?? "null"}; only string, bool and long are allowed.", nameof(envelope));
            }
        }

        if (envelope.Data is { } data)
        {
            if (envelope.DataEncoding == EnvelopeDataEncoding.Binary)
            {
                writer.WriteBase64String("data_base64", data);
            }
            else
            {
                writer.WritePropertyName("data");
                writer.WriteRawValue(data);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string String(JsonProperty member) =>
        member.Value.ValueKind == JsonValueKind.String
            ? member.Value.GetString()!
            : throw new CloudEventFormatException(member.Name, $"The attribute '{member.Name}' must be a string, was {member.Value.ValueKind}.");

    private static string Required(string? value, string name) =>
        value is { Length: > 0 } ? value : throw new CloudEventFormatException(name, $"The required attribute '{name}' is missing or empty.");

    private static DateTimeOffset Time(JsonProperty member)
    {
        var text = String(member);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new CloudEventFormatException(member.Name, $"'{text}' is not an RFC 3339 timestamp.");
    }

    private static void CheckSingleData(byte[]? data, string name)
    {
        if (data is not null)
        {
            throw new CloudEventFormatException(name, "An event has either 'data' or 'data_base64', not both.");
        }
    }

    private static byte[] Base64(JsonProperty member) =>
        member.Value.ValueKind == JsonValueKind.String && member.Value.TryGetBytesFromBase64(out var bytes)
            ? bytes
            : throw new CloudEventFormatException(member.Name, "'data_base64' must be a base64 string.");

    /// <summary>CloudEvents attribute names are lower-case letters and digits; anything else would not survive every binding.</summary>
    private static string ExtensionName(string name) =>
        name.Length > 0 && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            ? name
            : throw new CloudEventFormatException(name, $"'{name}' is not a valid CloudEvents attribute name: lower-case letters a-z and digits 0-9 only.");

    private static object ExtensionValue(JsonProperty member) => member.Value.ValueKind switch
    {
        JsonValueKind.String => member.Value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when member.Value.TryGetInt64(out var number) => number,
        _ => throw new CloudEventFormatException(member.Name, $"Extension '{member.Name}' must be a string, a boolean or an integer, was {member.Value.ValueKind} {member.Value.GetRawText()}."),
    };
}

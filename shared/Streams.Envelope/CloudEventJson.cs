using System.Text.Json;
using System.Text.Unicode;

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
    /// <summary>Reads one event in structured JSON, with the checks and the reader ingest uses (<see cref="CloudEventReader"/>).</summary>
    /// <param name="utf8Json">The event's UTF-8 JSON text.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="CloudEventFormatException">The text is not JSON or not a CloudEvent ingest would accept; names the first attribute at fault.</exception>
    public static CloudEventEnvelope FromJson(ReadOnlyMemory<byte> utf8Json)
    {
        var json = utf8Json.Span;
        if (!Utf8.IsValid(json))
        {
            throw new CloudEventFormatException("The event is not valid UTF-8.");
        }

        var problems = new List<EventProblem>(1);
        CloudEventEnvelope? envelope;
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            envelope = CloudEventReader.Read(json, ref reader, 0, problems);
            // Throws on anything but white space after the event.
            reader.Read();
        }
        catch (JsonException ex)
        {
            throw new CloudEventFormatException($"The event is not valid JSON: {ex.Message}", ex);
        }

        return envelope ?? throw new CloudEventFormatException(problems[0].Field, problems[0].Detail);
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
        // The canonical attribute order, defined here only (docs/normaliser.md): the context attributes, extensions by
        // ordinal name, then the data; so the JSON every hop writes for an envelope is its canonical form.
        WriteOptional(writer, "datacontenttype", envelope.DataContentType);
        WriteOptional(writer, "dataschema", envelope.DataSchema);
        WriteOptional(writer, "subject", envelope.Subject);
        if (envelope.Time is { } time)
        {
            writer.WriteString("time", Rfc3339.Format(time));
        }

        foreach (var (name, value) in OrderedExtensions(envelope.Extensions))
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

    private static IEnumerable<KeyValuePair<string, object>> OrderedExtensions(IReadOnlyDictionary<string, object> extensions) =>
        extensions.Count <= 1 ? extensions : extensions.OrderBy(pair => pair.Key, StringComparer.Ordinal);
}

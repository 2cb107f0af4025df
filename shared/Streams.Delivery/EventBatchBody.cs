using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Streams.Envelope;

namespace Streams.Delivery;

/// <summary>A CloudEvents JSON batch (<c>application/cloudevents-batch+json</c>) of decoded envelopes.</summary>
public static class EventBatchBody
{
    // The body goes to receivers as JSON, never into HTML: only what JSON itself requires is escaped.
    private static readonly JsonWriterOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON array of the given events, each in structured-mode CloudEvents JSON.</summary>
    public static byte[] Build(IReadOnlyList<CloudEventEnvelope> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, events.Count));
        using (var writer = new Utf8JsonWriter(buffer, WriteOptions))
        {
            writer.WriteStartArray();
            foreach (var cloudEvent in events)
            {
                CloudEventJson.Write(writer, cloudEvent);
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

using System.Text.Json;

namespace Streams.LoadTest;

/// <summary>The body of one request: a CloudEvents batch whose events carry the request's intended send time.</summary>
internal static class LoadBatchWriter
{
    /// <summary>The event type the load test sends; a subscription filtered on it delivers them to the load test's receiver.</summary>
    public const string EventType = "dev.streams.loadtest";

    /// <summary>The events' source.</summary>
    public const string Source = "/streams/loadtest";

    public static byte[] Write(LoadEventIds ids, long first, int count, DateTimeOffset intendedAt)
    {
        using var buffer = new MemoryStream(count * 160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var sequence = first; sequence < first + count; sequence++)
            {
                json.WriteStartObject();
                json.WriteString("specversion", "1.0");
                json.WriteString("id", ids.IdOf(sequence));
                json.WriteString("source", Source);
                json.WriteString("type", EventType);
                // The intended time, not the actual one: a request held up by the one before it still counts its wait
                // (no coordinated omission).
                json.WriteString("time", intendedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("partitionkey", ids.IdOf(sequence));
                json.WriteStartObject("data");
                json.WriteNumber("sequence", sequence);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }
}

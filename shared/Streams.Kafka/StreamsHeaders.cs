using System.Buffers.Binary;
using System.Text;
using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>
/// The record headers every hop reads and writes (DESIGN §2 "Kafka records").
/// Times are milliseconds since the Unix epoch, stored as 8-byte big-endian integers.
/// </summary>
public static class StreamsHeaders
{
    /// <summary>The event's own time, that lag is measured from.</summary>
    public const string EventTime = "st-event-time";

    /// <summary>When ingest accepted the event.</summary>
    public const string IngestTime = "st-ingest-time";

    /// <summary>W3C trace context, carried hop to hop.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>The subscription a retry or dead letter belongs to.</summary>
    public const string Subscription = "st-subscription";

    /// <summary>How many delivery attempts were made.</summary>
    public const string Attempt = "st-attempt";

    /// <summary>When the first attempt failed.</summary>
    public const string FirstFailure = "st-first-failure";

    /// <summary>The last HTTP status (0: no answer).</summary>
    public const string LastStatus = "st-last-status";

    /// <summary>Why the event was retried or dead-lettered.</summary>
    public const string Reason = "st-reason";

    /// <summary>When a retry record is due.</summary>
    public const string NotBefore = "st-not-before";

    /// <summary>Writes a millisecond timestamp header.</summary>
    public static void SetMilliseconds(this Headers headers, string name, long milliseconds)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds);
        headers.Remove(name);
        headers.Add(name, bytes);
    }

    /// <summary>Reads a millisecond timestamp header; false when absent or malformed.</summary>
    public static bool TryGetMilliseconds(this Headers? headers, string name, out long milliseconds)
    {
        milliseconds = 0;
        if (headers is null || !headers.TryGetLastBytes(name, out var bytes) || bytes.Length != sizeof(long))
        {
            return false;
        }

        milliseconds = BinaryPrimitives.ReadInt64BigEndian(bytes);
        return true;
    }

    /// <summary>Writes a UTF-8 text header, replacing any earlier one of the same name.</summary>
    public static void SetText(this Headers headers, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Remove(name);
        headers.Add(name, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Reads a UTF-8 text header; null when absent.</summary>
    public static string? GetText(this Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;

    /// <summary>A copy of the headers, so a hop can add its own without touching its input record.</summary>
    public static Headers Copy(this Headers? headers)
    {
        var copy = new Headers();
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                copy.Add(header.Key, header.GetValueBytes());
            }
        }

        return copy;
    }
}

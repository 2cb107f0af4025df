using System.Diagnostics;
using Confluent.Kafka;

namespace Streams.Kafka.Consuming;

/// <summary>
/// A consumed record as a hop's handler gets it: what every hop needs of it, read once from its headers, the hop's
/// span, and the <see cref="Done"/> handle that lets its offset be committed.
/// </summary>
public sealed class ConsumedRecord
{
    internal ConsumedRecord(ConsumeResult<byte[]?, byte[]> result, TrackedOffset done, Activity? span)
    {
        Result = result;
        Done = done;
        Span = span;
        var headers = result.Message.Headers;
        EventTime = headers.TryGetMilliseconds(StreamsHeaders.EventTime, out var eventTime) ? DateTimeOffset.FromUnixTimeMilliseconds(eventTime) : null;
        IngestTimeMs = headers.TryGetMilliseconds(StreamsHeaders.IngestTime, out var ingestTime) ? ingestTime : null;
        // A record ingest did not write (a foreign producer, a hand-made dead letter) still gets an identity, from its
        // place in the log, so the audit counts it as one event.
        Identity = EventIdentity.TryRead(headers, out var identity)
            ? identity
            : EventIdentity.Of(result.Topic, $"{result.Partition.Value}/{result.Offset.Value}");
    }

    /// <summary>The record as the client returned it.</summary>
    public ConsumeResult<byte[]?, byte[]> Result { get; }

    /// <summary>The record's key, value and headers.</summary>
    public Message<byte[]?, byte[]> Message => Result.Message;

    /// <summary>Where the record was read.</summary>
    public TopicPartition Partition => Result.TopicPartition;

    /// <summary>The record's offset.</summary>
    public long Offset => Result.Offset.Value;

    /// <summary>The event's own time (<c>st-event-time</c>), that lag is measured from; null when the record has none.</summary>
    public DateTimeOffset? EventTime { get; }

    /// <summary>The event time for audit minute buckets: the event's own, else the record's timestamp.</summary>
    public long EventTimeMs => EventTime?.ToUnixTimeMilliseconds() ?? Message.Timestamp.UnixTimestampMs;

    /// <summary>When ingest accepted the event (<c>st-ingest-time</c>); null when the record has none.</summary>
    public long? IngestTimeMs { get; }

    /// <summary>The event's 64-bit identity (<see cref="EventIdentity"/>).</summary>
    public ulong Identity { get; }

    /// <summary>The hop's span for this record, a child of the record's trace; null when nobody records spans.</summary>
    public Activity? Span { get; }

    /// <summary>Complete it once the record's outcome is durable; the engine commits up to the first record not done.</summary>
    public TrackedOffset Done { get; }
}

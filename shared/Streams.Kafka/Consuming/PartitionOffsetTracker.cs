using System.Diagnostics;
using Confluent.Kafka;

namespace Streams.Kafka.Consuming;

/// <summary>
/// The commit watermark of one partition whose records finish out of order (Wolverine's
/// <c>OffsetWatermark</c>, KafkaFlow's <c>PartitionOffsets</c>): the committable offset is one past the
/// longest prefix of consumed records that are all done, so a commit never passes an unfinished record.
/// </summary>
/// <remarks>
/// <see cref="Track"/>, <see cref="TakeCommittable"/>, <see cref="DropFrom"/> and <see cref="AbandonAll"/> belong to the consuming thread;
/// <see cref="TrackedOffset.Complete"/> may be called from any thread.
/// </remarks>
public sealed class PartitionOffsetTracker(TopicPartition partition)
{
    private readonly LinkedList<TrackedOffset> _pending = new();
    private long _lastTracked = -1;
    private long _committable = -1;
    private long _committed = -1;

    /// <summary>The partition tracked.</summary>
    public TopicPartition Partition { get; } = partition;

    /// <summary>Records tracked and not yet released by <see cref="TakeCommittable"/>.</summary>
    public int Count => _pending.Count;

    /// <summary>Tracks a consumed record that is done after <paramref name="work"/> completions (0: done at once).</summary>
    /// <param name="offset">The record's offset, above every one tracked before.</param>
    /// <param name="work">How many completions make it done.</param>
    /// <param name="span">The hop's span for the record, stopped when it is done.</param>
    /// <exception cref="ArgumentOutOfRangeException">The offset is not above the last one tracked.</exception>
    public TrackedOffset Track(long offset, int work = 1, Activity? span = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(offset, _lastTracked);
        ArgumentOutOfRangeException.ThrowIfNegative(work);
        var tracked = new TrackedOffset(offset, work, span);
        _pending.AddLast(tracked);
        _lastTracked = offset;
        return tracked;
    }

    /// <summary>
    /// Releases the done prefix and returns the offset to commit (one past its last record) when it moved
    /// since the previous call; null when there is nothing new to commit.
    /// </summary>
    public long? TakeCommittable()
    {
        while (_pending.First is { Value.IsDone: true } head)
        {
            _pending.RemoveFirst();
            _committable = head.Value.Offset + 1;
        }

        if (_committable <= _committed)
        {
            return null;
        }

        _committed = _committable;
        return _committed;
    }

    /// <summary>
    /// Forgets every record from <paramref name="offset"/> on, done or not: the partition is read again from there,
    /// and those records are tracked anew; a late completion of a forgotten one changes nothing.
    /// </summary>
    public void DropFrom(long offset)
    {
        while (_pending.Last is { } tail && tail.Value.Offset >= offset)
        {
            tail.Value.Abandon();
            _pending.RemoveLast();
        }

        _lastTracked = Math.Min(_lastTracked, offset - 1);
    }

    /// <summary>The partition is no longer owned: every record still tracked is abandoned and forgotten.</summary>
    public void AbandonAll()
    {
        foreach (var tracked in _pending)
        {
            tracked.Abandon();
        }

        _pending.Clear();
    }
}

using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>
/// The commit watermark of one partition whose records finish out of order (Wolverine's
/// <c>OffsetWatermark</c>, KafkaFlow's <c>PartitionOffsets</c>): the committable offset is one past the
/// longest prefix of consumed records that are all done, so a commit never passes an unfinished record.
/// </summary>
/// <remarks>
/// <see cref="Track"/> and <see cref="TakeCommittable"/> belong to the consuming thread;
/// <see cref="TrackedOffset.Complete"/> may be called from any thread.
/// </remarks>
public sealed class PartitionOffsetTracker(TopicPartition partition)
{
    private readonly Queue<TrackedOffset> _pending = new();
    private long _lastTracked = -1;
    private long _committable = -1;
    private long _committed = -1;
    private volatile bool _revoked;

    /// <summary>The partition tracked.</summary>
    public TopicPartition Partition { get; } = partition;

    /// <summary>Records tracked and not yet released by <see cref="TakeCommittable"/>.</summary>
    public int Count => _pending.Count;

    /// <summary>True once the partition was taken away: its remaining work is dropped, never committed.</summary>
    public bool IsRevoked => _revoked;

    /// <summary>Tracks a consumed record that is done after <paramref name="work"/> completions (0: done at once).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The offset is not above the last one tracked.</exception>
    public TrackedOffset Track(long offset, int work)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(offset, _lastTracked);
        ArgumentOutOfRangeException.ThrowIfNegative(work);
        var tracked = new TrackedOffset(this, offset, work);
        _pending.Enqueue(tracked);
        _lastTracked = offset;
        return tracked;
    }

    /// <summary>
    /// Releases the done prefix and returns the offset to commit (one past its last record) when it moved
    /// since the previous call; null when there is nothing new to commit.
    /// </summary>
    public long? TakeCommittable()
    {
        while (_pending.TryPeek(out var head) && head.IsDone)
        {
            _pending.Dequeue();
            _committable = head.Offset + 1;
        }

        if (_committable <= _committed)
        {
            return null;
        }

        _committed = _committable;
        return _committed;
    }

    /// <summary>Says the last offset taken was not committed, so the next <see cref="TakeCommittable"/> offers it again.</summary>
    public void CommitFailed() => _committed = -1;

    /// <summary>Marks the partition as no longer owned.</summary>
    public void Revoke() => _revoked = true;
}

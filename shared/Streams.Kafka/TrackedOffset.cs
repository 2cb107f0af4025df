namespace Streams.Kafka;

/// <summary>
/// One consumed record in a <see cref="PartitionOffsetTracker"/>: it is done once every unit of work
/// registered for it (e.g. one per matching subscription) has called <see cref="Complete"/>.
/// </summary>
public sealed class TrackedOffset
{
    private int _remaining;

    internal TrackedOffset(PartitionOffsetTracker tracker, long offset, int work)
    {
        Tracker = tracker;
        Offset = offset;
        _remaining = work;
    }

    /// <summary>The partition's tracker this record belongs to.</summary>
    public PartitionOffsetTracker Tracker { get; }

    /// <summary>The record's offset.</summary>
    public long Offset { get; }

    /// <summary>True when every unit of work for the record is finished.</summary>
    public bool IsDone => Volatile.Read(ref _remaining) <= 0;

    /// <summary>Says one unit of work is durably finished; extra calls are ignored.</summary>
    public void Complete()
    {
        // Never below zero, so a stray second completion cannot mark a later unit of work done early.
        var current = Volatile.Read(ref _remaining);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _remaining, current - 1, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}

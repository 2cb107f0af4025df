using System.Diagnostics;

namespace Streams.Kafka.Consuming;

/// <summary>
/// One consumed record in a <see cref="PartitionOffsetTracker"/>: it is done once every unit of work
/// registered for it (one by default; e.g. one per matching subscription, see <see cref="Expect"/>) has called
/// <see cref="Complete"/>. The hop's span for the record ends then, so its duration is the hop's time on it.
/// </summary>
public sealed class TrackedOffset
{
    private int _remaining;
    private Activity? _span;
    private volatile bool _abandoned;

    internal TrackedOffset(long offset, int work, Activity? span = null)
    {
        Offset = offset;
        _remaining = work;
        _span = span;
        StopSpanIfDone();
    }

    /// <summary>The record's offset.</summary>
    public long Offset { get; }

    /// <summary>
    /// True once the record's outcome no longer counts: its partition went to another member, or is read again from
    /// before it. Work on it can stop; its completion changes nothing.
    /// </summary>
    public bool IsAbandoned => _abandoned;

    /// <summary>True when every unit of work for the record is finished.</summary>
    public bool IsDone => Volatile.Read(ref _remaining) <= 0;

    /// <summary>
    /// Says how many completions make the record done, in place of the one it starts with; 0 makes it done at once.
    /// Call it before the first <see cref="Complete"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="completions"/> is negative.</exception>
    public void Expect(int completions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(completions);
        Interlocked.Add(ref _remaining, completions - 1);
        StopSpanIfDone();
    }

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
                StopSpanIfDone();
                return;
            }

            current = seen;
        }
    }

    internal void Abandon() => _abandoned = true;

    private void StopSpanIfDone()
    {
        if (IsDone)
        {
            Interlocked.Exchange(ref _span, null)?.Stop();
        }
    }
}

namespace Streams.Audit;

/// <summary>
/// Counts, per (hop, stage, event-time minute), how many events a hop saw and the sum of their identities; the
/// <see cref="AuditFlushService"/> ships the totals to the audit topic every few seconds.
/// </summary>
/// <remarks>
/// Called once per event on the hot path, so recording is lock-free: two interlocked counters to enter and leave
/// the current window, a dictionary probe and two interlocked adds; it allocates only for the first event of a new
/// (hop, stage, minute) in a window. Record an event when its outcome is durable (after the acknowledgement),
/// not when it is attempted, so a batch that fails and is consumed again is counted once.
/// </remarks>
public sealed class AuditRecorder
{
    private AuditWindow _current = new();

    /// <summary>Counts one event at a stage of a hop.</summary>
    /// <param name="hop">The hop, e.g. <c>normaliser</c>; use the same names as the metrics' <c>hop</c> label.</param>
    /// <param name="stage">The stage reached.</param>
    /// <param name="eventTimeMs">The event's <c>st-event-time</c>, ms since the Unix epoch; it picks the minute bucket.</param>
    /// <param name="identity">The event's <see cref="Kafka.EventIdentity"/>.</param>
    public void Record(string hop, AuditStage stage, long eventTimeMs, ulong identity)
    {
        ArgumentNullException.ThrowIfNull(hop);
        var window = Enter();
        try
        {
            window.Add(hop, stage, AuditEntry.MinuteOf(eventTimeMs), 1, identity);
        }
        finally
        {
            window.Exit();
        }
    }

    /// <summary>
    /// Starts the audit of an event that fans out to <paramref name="parts"/> units of work (e.g. subscriptions): the
    /// last part to settle records the event once, at the most telling of the parts' stages.
    /// </summary>
    /// <param name="hop">The hop.</param>
    /// <param name="eventTimeMs">The event's time, ms since the Unix epoch.</param>
    /// <param name="identity">The event's identity.</param>
    /// <param name="parts">Units of work; 0 records the event as <see cref="AuditStage.Filtered"/> at once.</param>
    /// <returns>The fan-out to settle once per part.</returns>
    public AuditFanOut FanOut(string hop, long eventTimeMs, ulong identity, int parts) =>
        new(this, hop, eventTimeMs, identity, parts);

    /// <summary>Takes everything counted since the previous call, leaving the recorder empty.</summary>
    /// <returns>The entries, one per (hop, stage, minute) with a non-zero count.</returns>
    public IReadOnlyList<AuditEntry> TakeSnapshot()
    {
        var previous = Interlocked.Exchange(ref _current, new AuditWindow());
        previous.WaitForWriters();
        return previous.Entries();
    }

    /// <summary>Puts back entries a flush could not deliver, so the next flush carries them.</summary>
    /// <param name="entries">Entries from <see cref="TakeSnapshot"/>.</param>
    public void Restore(IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var window = Enter();
        try
        {
            foreach (var entry in entries)
            {
                window.Add(entry.Hop, entry.Stage, entry.MinuteMs, entry.Count, entry.Digest);
            }
        }
        finally
        {
            window.Exit();
        }
    }

    private AuditWindow Enter()
    {
        while (true)
        {
            var window = Volatile.Read(ref _current);
            window.Enter();
            // A flush may have swapped the window between the read and Enter; then it may already be read.
            if (ReferenceEquals(window, Volatile.Read(ref _current)))
            {
                return window;
            }

            window.Exit();
        }
    }
}

using System.Collections.Concurrent;

namespace Streams.Audit;

/// <summary>
/// The counts gathered between two flushes. Writers register while they add, so the flusher can swap in a fresh
/// window and then wait for the old one's last writer before reading it: nothing is added after it is read.
/// </summary>
internal sealed class AuditWindow
{
    private readonly ConcurrentDictionary<(string Hop, AuditStage Stage, long MinuteMs), AuditCell> _cells = new();
    private int _writers;

    public void Enter() => Interlocked.Increment(ref _writers);

    public void Exit() => Interlocked.Decrement(ref _writers);

    public void Add(string hop, AuditStage stage, long minuteMs, long count, ulong digest) =>
        _cells.GetOrAdd((hop, stage, minuteMs), static _ => new AuditCell()).Add(count, digest);

    /// <summary>Waits until writers that entered before the swap have left; they are few and brief.</summary>
    public void WaitForWriters()
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _writers) != 0)
        {
            spin.SpinOnce();
        }
    }

    public List<AuditEntry> Entries() =>
        [.. _cells.Where(cell => cell.Value.Count != 0 || cell.Value.Digest != 0)
            .Select(cell => new AuditEntry(cell.Key.Hop, cell.Key.Stage, cell.Key.MinuteMs, cell.Value.Count, cell.Value.Digest))];
}

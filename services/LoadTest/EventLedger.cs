namespace Streams.LoadTest;

/// <summary>
/// Every event of a run by its sequence number: whether ingest acknowledged it, and how often the receiver got it —
/// so losses (acknowledged, never received) and duplicates (received more than once) are counted id by id.
/// </summary>
internal sealed class EventLedger
{
    private const byte AcknowledgedAnswer = 1;
    private const byte RefusedAnswer = 2;

    private readonly byte[] _answers;
    private readonly int[] _receipts;
    private readonly SecondTally[] _seconds;
    private long _acked;
    private long _refused;
    private long _distinct;
    private long _duplicates;
    private long _unknown;

    /// <param name="events">Events the run will send.</param>
    /// <param name="seconds">Seconds the run may last, sending and waiting together; later receipts count in the last.</param>
    public EventLedger(long events, int seconds)
    {
        _answers = new byte[events];
        _receipts = new int[events];
        _seconds = [.. Enumerable.Range(0, Math.Max(1, seconds)).Select(_ => new SecondTally())];
    }

    public long Events => _answers.LongLength;

    public long Acked => Interlocked.Read(ref _acked);

    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Distinct events received.</summary>
    public long Received => Interlocked.Read(ref _distinct);

    /// <summary>Receipts beyond the first of an event.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Receipts of this run's id prefix with a sequence number it never sent.</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    /// <summary>Acknowledged by ingest and not (yet) received.</summary>
    public long Lost => CountWhere((answer, receipts) => answer == AcknowledgedAnswer && receipts == 0);

    /// <summary>Received although ingest did not acknowledge them (a refused request may still have been written).</summary>
    public long ReceivedUnacknowledged => CountWhere((answer, receipts) => answer != AcknowledgedAnswer && receipts > 0);

    /// <summary>True once every acknowledged event has been received.</summary>
    /// <remarks>Asked ten times a second while waiting: fewer distinct receipts than acknowledgements settles it without a scan.</remarks>
    public bool AllAcknowledgedReceived => Received >= Acked && Lost == 0;

    /// <summary>The per-second rows, up to the last second anything happened in.</summary>
    public IReadOnlyList<SecondTally> Seconds
    {
        get
        {
            var last = Array.FindLastIndex(_seconds, second => second.Sent + second.Acked + second.Received > 0);
            return _seconds[..(last + 1)];
        }
    }

    /// <summary>Whether ingest answered 200 for the request that carried event <paramref name="sequence"/>.</summary>
    public bool IsAcknowledged(long sequence) => Volatile.Read(ref _answers[sequence]) == AcknowledgedAnswer;

    /// <summary>How often the receiver got event <paramref name="sequence"/>.</summary>
    public int ReceiptsOf(long sequence) => Volatile.Read(ref _receipts[sequence]);

    public void Sent(int second, int events) => SecondAt(second).AddSent(events);

    public void Answered(long first, int count, bool acknowledged, int second)
    {
        for (var sequence = first; sequence < first + count; sequence++)
        {
            _answers[sequence] = acknowledged ? AcknowledgedAnswer : RefusedAnswer;
        }

        if (acknowledged)
        {
            Interlocked.Add(ref _acked, count);
            SecondAt(second).AddAcked(count);
        }
        else
        {
            Interlocked.Add(ref _refused, count);
        }
    }

    public void Receive(long sequence, TimeSpan endToEnd, int second)
    {
        if (sequence < 0 || sequence >= _receipts.LongLength)
        {
            Interlocked.Increment(ref _unknown);
            return;
        }

        if (Interlocked.Increment(ref _receipts[sequence]) > 1)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        Interlocked.Increment(ref _distinct);
        SecondAt(second).AddReceived(endToEnd);
    }

    /// <summary>End-to-end lag over every first receipt.</summary>
    public LatencyHistogram EndToEnd()
    {
        var all = new LatencyHistogram();
        foreach (var second in _seconds)
        {
            all.Add(second.EndToEnd);
        }

        return all;
    }

    private SecondTally SecondAt(int second) => _seconds[Math.Clamp(second, 0, _seconds.Length - 1)];

    private long CountWhere(Func<byte, int, bool> match)
    {
        var count = 0L;
        for (var sequence = 0L; sequence < _answers.LongLength; sequence++)
        {
            if (match(Volatile.Read(ref _answers[sequence]), Volatile.Read(ref _receipts[sequence])))
            {
                count++;
            }
        }

        return count;
    }
}

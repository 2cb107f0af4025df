namespace Streams.LoadTest;

/// <summary>What happened in one second of the run: events sent, acknowledged and received, and their end-to-end lag.</summary>
internal sealed class SecondTally
{
    private long _sent;
    private long _acked;
    private long _received;

    public long Sent => Interlocked.Read(ref _sent);

    public long Acked => Interlocked.Read(ref _acked);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>End-to-end lag of the events received in this second.</summary>
    public LatencyHistogram EndToEnd { get; } = new();

    public void AddSent(int events) => Interlocked.Add(ref _sent, events);

    public void AddAcked(int events) => Interlocked.Add(ref _acked, events);

    public void AddReceived(TimeSpan endToEnd)
    {
        Interlocked.Increment(ref _received);
        EndToEnd.Record(endToEnd);
    }
}

namespace Streams.LoadTests.Egress;

/// <summary>End-to-end lags at 0.1 ms resolution up to 10 s, counting only events sent after <see cref="From"/>; thread-safe.</summary>
internal sealed class LagRecorder(DateTimeOffset from)
{
    private const double BucketMilliseconds = 0.1;
    private readonly long[] _buckets = new long[100_000];
    private long _count;

    public DateTimeOffset From => from;

    public long Count => Interlocked.Read(ref _count);

    public void Record(DateTimeOffset sent, DateTimeOffset received)
    {
        if (sent < from)
        {
            return;
        }

        var bucket = (int)Math.Clamp((received - sent).TotalMilliseconds / BucketMilliseconds, 0, _buckets.Length - 1);
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>The lag, in milliseconds, that <paramref name="quantile"/> of the events stayed within.</summary>
    public double Percentile(double quantile)
    {
        var target = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length && target > 0; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= target)
            {
                return (i + 1) * BucketMilliseconds;
            }
        }

        return double.NaN;
    }
}

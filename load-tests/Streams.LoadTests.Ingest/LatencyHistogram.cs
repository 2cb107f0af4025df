namespace Streams.LoadTests.Ingest;

/// <summary>Request latencies at 10 µs resolution up to 2 s (slower ones share the last bucket); thread-safe.</summary>
internal sealed class LatencyHistogram
{
    private const double BucketMicroseconds = 10;
    private readonly long[] _buckets = new long[200_000];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(TimeSpan latency)
    {
        var bucket = (int)Math.Min(_buckets.Length - 1, latency.TotalMicroseconds / BucketMicroseconds);
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
    }

    /// <summary>The latency below which <paramref name="quantile"/> of requests finished, in milliseconds.</summary>
    public double Percentile(double quantile)
    {
        var target = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= target && target > 0)
            {
                return (i + 1) * BucketMicroseconds / 1000;
            }
        }

        return double.NaN;
    }
}

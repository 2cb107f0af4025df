namespace Streams.Telemetry;

/// <summary>The buckets and sum of one histogram series.</summary>
internal sealed class HistogramSeries
{
    private readonly long[] _bucketCounts;
    private double _sum;

    /// <summary>Initializes a new instance of the <see cref="HistogramSeries"/> class.</summary>
    /// <param name="bucketCount">Number of buckets, the overflow bucket included.</param>
    public HistogramSeries(int bucketCount) => _bucketCounts = new long[bucketCount];

    /// <summary>Counts <paramref name="value"/> in bucket <paramref name="bucket"/>.</summary>
    public void Record(int bucket, double value)
    {
        Interlocked.Increment(ref _bucketCounts[bucket]);
        AtomicDouble.Add(ref _sum, value);
    }

    /// <summary>Copies the current state.</summary>
    public HistogramValue Snapshot(IReadOnlyList<double> bounds)
    {
        var counts = new long[_bucketCounts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = Volatile.Read(ref _bucketCounts[i]);
        }

        return new(bounds, counts, Volatile.Read(ref _sum));
    }
}

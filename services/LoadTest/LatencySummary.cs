namespace Streams.LoadTest;

/// <summary>A latency distribution's percentiles, in milliseconds.</summary>
internal sealed record LatencySummary(long Count, double P50Ms, double P95Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary Of(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return new(histogram.Count, histogram.PercentileMs(50), histogram.PercentileMs(95), histogram.PercentileMs(99), histogram.MaxMs);
    }
}

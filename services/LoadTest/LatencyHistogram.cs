using HdrHistogram;

namespace Streams.LoadTest;

/// <summary>Latencies in microseconds, recorded from any thread, read as percentiles in milliseconds.</summary>
internal sealed class LatencyHistogram
{
    private static readonly long Highest = (long)TimeSpan.FromHours(1).TotalMicroseconds;
    private readonly LongConcurrentHistogram _histogram = new(1, Highest, 3);

    /// <summary>Values recorded.</summary>
    public long Count => _histogram.TotalCount;

    /// <summary>Records one latency; negative ones (clock skew between sender and receiver) count as zero.</summary>
    public void Record(TimeSpan latency) =>
        _histogram.RecordValue(Math.Clamp((long)latency.TotalMicroseconds, 1, Highest));

    /// <summary>The latency at a percentile (0–100), in milliseconds; 0 when nothing was recorded.</summary>
    public double PercentileMs(double percentile) =>
        Count == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>The largest latency, in milliseconds.</summary>
    public double MaxMs => Count == 0 ? 0 : _histogram.GetMaxValue() / 1000.0;

    /// <summary>Adds another histogram's values to this one.</summary>
    public void Add(LatencyHistogram other) => _histogram.Add(other._histogram);
}

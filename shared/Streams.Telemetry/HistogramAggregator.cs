using System.Diagnostics.Metrics;
using System.Numerics;

namespace Streams.Telemetry;

/// <summary>Aggregates a histogram into cumulative explicit buckets, bounded by the instrument's advice.</summary>
internal sealed class HistogramAggregator : MetricAggregator
{
    /// <summary>
    /// Bounds for histograms without bucket advice: OpenTelemetry's defaults, which is what instrument authors
    /// who left out the advice had in mind.
    /// </summary>
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly double[] _bounds;
    private readonly IReadOnlyList<double> _exposedBounds;
    private readonly SeriesStore<HistogramSeries> _series;

    /// <summary>Initializes a new instance of the <see cref="HistogramAggregator"/> class.</summary>
    /// <param name="instrument">A <see cref="Histogram{T}"/>.</param>
    public HistogramAggregator(Instrument instrument)
        : base(instrument, MetricType.Histogram)
    {
        _bounds = AdvisedBounds<double>(instrument) ?? AdvisedBounds<float>(instrument) ?? AdvisedBounds<long>(instrument)
            ?? AdvisedBounds<int>(instrument) ?? AdvisedBounds<short>(instrument) ?? AdvisedBounds<byte>(instrument)
            ?? AdvisedBounds<decimal>(instrument) ?? DefaultBounds;
        _exposedBounds = Array.AsReadOnly(_bounds);
        var bucketCount = _bounds.Length + 1;
        _series = new(() => new HistogramSeries(bucketCount));
    }

    /// <inheritdoc/>
    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // A NaN would fall in no bucket and poison the sum for good.
        if (double.IsNaN(value))
        {
            return;
        }

        // Bounds are inclusive upper limits (Prometheus' "le"): an exact hit belongs to that bucket,
        // otherwise the first larger bound's bucket, or the overflow bucket past the last bound.
        var bucket = _bounds.AsSpan().BinarySearch(value);
        _series.Get(tags).Record(bucket < 0 ? ~bucket : bucket, value);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<MetricPoint> SnapshotPoints() =>
        _series.Snapshot((labels, series) => new MetricPoint(labels, 0, series.Snapshot(_exposedBounds)));

    private static double[]? AdvisedBounds<T>(Instrument instrument)
        where T : struct, INumberBase<T> =>
        (instrument as Instrument<T>)?.Advice?.HistogramBucketBoundaries?.Select(double.CreateTruncating).ToArray();
}

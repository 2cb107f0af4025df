using System.Diagnostics.Metrics;

namespace Streams.Telemetry;

/// <summary>Aggregates counters and gauges: one number per series.</summary>
internal sealed class ScalarAggregator : MetricAggregator
{
    private readonly SeriesStore<ScalarSeries> _series = new(static () => new ScalarSeries());
    private readonly bool _accumulates;

    /// <summary>Initializes a new instance of the <see cref="ScalarAggregator"/> class.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="type">Counter or gauge.</param>
    /// <param name="accumulates">True when measurements are deltas to add, false when each replaces the value.</param>
    public ScalarAggregator(Instrument instrument, MetricType type, bool accumulates)
        : base(instrument, type) => _accumulates = accumulates;

    /// <inheritdoc/>
    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.Get(tags);
        if (_accumulates)
        {
            series.Add(value);
        }
        else
        {
            series.Set(value);
        }
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<MetricPoint> SnapshotPoints() =>
        _series.Snapshot(static (labels, series) => new MetricPoint(labels, series.Value));
}

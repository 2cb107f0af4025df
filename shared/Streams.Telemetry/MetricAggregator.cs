using System.Diagnostics.Metrics;

namespace Streams.Telemetry;

/// <summary>Aggregates the measurements of every instrument published under one name into one metric family.</summary>
internal abstract class MetricAggregator
{
    private readonly string _name;
    private readonly string _help;
    private readonly MetricType _type;
    private readonly Type _instrumentKind;

    /// <summary>Initializes a new instance of the <see cref="MetricAggregator"/> class.</summary>
    /// <param name="instrument">The first instrument published under this name; it supplies name, help and kind.</param>
    /// <param name="type">The Prometheus type the measurements are exposed as.</param>
    protected MetricAggregator(Instrument instrument, MetricType type)
    {
        _name = instrument.Name;
        _help = Help(instrument);
        _type = type;
        _instrumentKind = instrument.GetType().GetGenericTypeDefinition();
    }

    /// <summary>Creates the aggregator matching the instrument's kind, or null for a kind this library does not know.</summary>
    public static MetricAggregator? Create(Instrument instrument)
    {
        if (!instrument.GetType().IsGenericType)
        {
            return null;
        }

        var kind = instrument.GetType().GetGenericTypeDefinition();
        if (kind == typeof(Histogram<>))
        {
            return new HistogramAggregator(instrument);
        }

        // Observable instruments report their current total or level, never a delta, hence "set" rather than "add".
        return kind == typeof(Counter<>) ? new ScalarAggregator(instrument, MetricType.Counter, accumulates: true)
            : kind == typeof(ObservableCounter<>) ? new ScalarAggregator(instrument, MetricType.Counter, accumulates: false)
            : kind == typeof(UpDownCounter<>) ? new ScalarAggregator(instrument, MetricType.Gauge, accumulates: true)
            : kind == typeof(ObservableUpDownCounter<>) || kind == typeof(ObservableGauge<>) || kind == typeof(Gauge<>)
                ? new ScalarAggregator(instrument, MetricType.Gauge, accumulates: false)
            : null;
    }

    /// <summary>Whether <paramref name="instrument"/>, sharing this aggregator's name, has the same kind and so can feed it.</summary>
    public bool Accepts(Instrument instrument) => instrument.GetType().GetGenericTypeDefinition() == _instrumentKind;

    /// <summary>Aggregates one measurement; runs on the recording thread, so it must be cheap and thread-safe.</summary>
    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Copies the current state of every series.</summary>
    public MetricFamily Snapshot() => new(_name, _help, _type, SnapshotPoints());

    /// <summary>Copies the current state of every series as points.</summary>
    protected abstract IReadOnlyList<MetricPoint> SnapshotPoints();

    private static string Help(Instrument instrument)
    {
        var description = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
        return string.IsNullOrWhiteSpace(instrument.Unit) ? description : $"{description} (unit: {instrument.Unit})";
    }
}

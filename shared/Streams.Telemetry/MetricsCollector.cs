using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Numerics;

namespace Streams.Telemetry;

/// <summary>
/// Listens to the instruments of chosen meters and keeps cumulative totals, last values and bucketed histograms
/// of their measurements, ready to be exposed by <see cref="PrometheusTextWriter"/>.
/// </summary>
/// <remarks>
/// Recording is lock-free and allocation-free once a label set has been seen: each measurement finds its series
/// by probing a concurrent dictionary with the raw tags and updates it with interlocked operations.
/// Instruments sharing a name (and kind) feed one family, so the exposition never repeats a metric name.
/// </remarks>
public sealed class MetricsCollector : IDisposable
{
    /// <summary>The name of the .NET runtime's own meter (GC, thread pool, exceptions, ...).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    private readonly FrozenSet<string> _meterNames;
    private readonly IMeterFactory? _meterFactory;
    private readonly ConcurrentDictionary<string, MetricAggregator> _aggregators = new(StringComparer.Ordinal);
    private readonly MeterListener _listener;

    /// <summary>Initializes a new instance of the <see cref="MetricsCollector"/> class and starts listening.</summary>
    /// <param name="meterNames">Names of the meters whose instruments are collected.</param>
    /// <param name="meterFactory">
    /// When given, meters created by any other <see cref="IMeterFactory"/> are ignored, so that two hosts in one
    /// process (as in tests) do not expose each other's measurements; meters created without a factory, such as
    /// <see cref="RuntimeMeterName"/>, are always collected.
    /// </param>
    public MetricsCollector(IEnumerable<string> meterNames, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(meterNames);
        _meterNames = meterNames.ToFrozenSet(StringComparer.Ordinal);
        _meterFactory = meterFactory;
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        ListenFor<byte>();
        ListenFor<short>();
        ListenFor<int>();
        ListenFor<long>();
        ListenFor<float>();
        ListenFor<double>();
        ListenFor<decimal>();
        _listener.Start();
    }

    /// <summary>Polls observable instruments, then copies every family that has at least one series.</summary>
    /// <returns>The families, ordered by name.</returns>
    public IReadOnlyList<MetricFamily> Collect()
    {
        _listener.RecordObservableInstruments();
        return [.. _aggregators.Values
            .Select(aggregator => aggregator.Snapshot())
            .Where(family => family.Points.Count > 0)
            .OrderBy(family => family.Name, StringComparer.Ordinal)];
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => _listener.Dispose();

    private void ListenFor<T>()
        where T : struct, INumberBase<T> =>
        _listener.SetMeasurementEventCallback<T>(static (_, measurement, tags, state) =>
            ((MetricAggregator)state!).Record(double.CreateTruncating(measurement), tags));

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!_meterNames.Contains(meter.Name)
            || (_meterFactory is not null && meter.Scope is not null && !ReferenceEquals(meter.Scope, _meterFactory)))
        {
            return;
        }

        var candidate = MetricAggregator.Create(instrument);
        if (candidate is null)
        {
            return;
        }

        var aggregator = _aggregators.GetOrAdd(instrument.Name, candidate);
        if (aggregator.Accepts(instrument))
        {
            // The aggregator rides along as the measurement state, so the hot path needs no lookup by instrument.
            listener.EnableMeasurementEvents(instrument, aggregator);
        }
    }
}

using System.Collections.Concurrent;

namespace Streams.Telemetry;

/// <summary>The series of one metric, one per label set, found without allocating once they exist.</summary>
/// <typeparam name="TSeries">The per-series state, updated with interlocked operations.</typeparam>
internal sealed class SeriesStore<TSeries>
    where TSeries : class
{
    private readonly ConcurrentDictionary<SeriesKey, TSeries> _series = new(SeriesKeyComparer.Instance);
    private readonly ConcurrentDictionary<SeriesKey, TSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _byTags;
    private readonly Func<SeriesKey, TSeries> _create;

    /// <summary>Initializes a new instance of the <see cref="SeriesStore{TSeries}"/> class.</summary>
    /// <param name="create">Creates the state of a new series.</param>
    public SeriesStore(Func<TSeries> create)
    {
        _byTags = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
        _create = _ => create();
    }

    /// <summary>Finds the series for <paramref name="tags"/>, creating it on first use.</summary>
    public TSeries Get(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _byTags.TryGetValue(tags, out var series) ? series : _series.GetOrAdd(SeriesKey.From(tags), _create);

    /// <summary>Turns every series into a point.</summary>
    public MetricPoint[] Snapshot(Func<KeyValuePair<string, string>[], TSeries, MetricPoint> toPoint) =>
        [.. _series.Select(pair => toPoint(pair.Key.Labels, pair.Value))];
}

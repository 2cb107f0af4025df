using Prometheus;

namespace Streams.Telemetry;

/// <summary>The normaliser's own metrics: filtered and duplicate events, the duplicate window, volume per type.</summary>
public sealed partial class StreamsMetrics
{
    private Counter? _filteredEvents;
    private Counter? _duplicateEvents;
    private Counter? _dedupEvictions;
    private Gauge? _dedupWindowIds;
    private Counter? _eventsByType;

    /// <summary>Counts events a rule dropped on purpose (filtered, not lost).</summary>
    /// <param name="hop">The filtering hop.</param>
    /// <param name="rule">The rule's name.</param>
    /// <param name="count">How many events.</param>
    public void CountFilteredEvents(string hop, string rule, long count = 1) =>
        OnFirstUse(ref _filteredEvents, static f => f.CreateCounter("streams_filtered_events_total", "Events dropped on purpose by a rule", [Hop, "rule"]))
            .WithLabels([hop, rule]).Inc(count);

    /// <summary>Counts events suppressed as duplicates of an event already passed within the window.</summary>
    /// <param name="hop">The deduplicating hop.</param>
    /// <param name="count">How many events.</param>
    public void CountDuplicateEvents(string hop, long count = 1) =>
        OnFirstUse(ref _duplicateEvents, static f => f.CreateCounter("streams_duplicate_events_total", "Events suppressed as duplicates within the window", [Hop]))
            .WithLabels([hop]).Inc(count);

    /// <summary>Counts ids evicted from a duplicate window before their time because it was full.</summary>
    /// <param name="hop">The deduplicating hop.</param>
    /// <param name="count">How many ids.</param>
    public void CountDedupEvictions(string hop, long count) =>
        OnFirstUse(ref _dedupEvictions, static f => f.CreateCounter("streams_dedup_evictions_total", "Ids evicted early from a full duplicate window", [Hop]))
            .WithLabels([hop]).Inc(count);

    /// <summary>Sets how many ids one partition's duplicate window holds.</summary>
    /// <param name="hop">The deduplicating hop.</param>
    /// <param name="partition">The input partition.</param>
    /// <param name="ids">Ids held.</param>
    public void SetDedupWindowIds(string hop, int partition, long ids) =>
        OnFirstUse(ref _dedupWindowIds, static f => f.CreateGauge("streams_dedup_window_ids", "Ids held in a partition's duplicate window", [Hop, Partition]))
            .WithLabels([hop, Label(partition)]).Set(ids);

    /// <summary>Counts events passed by <paramref name="hop"/> per event type: the data-quality volume signal.</summary>
    /// <param name="hop">The hop.</param>
    /// <param name="type">The event type; the caller bounds how many distinct values it uses.</param>
    /// <param name="count">How many events.</param>
    public void CountEventsByType(string hop, string type, long count = 1) =>
        OnFirstUse(ref _eventsByType, static f => f.CreateCounter("streams_events_by_type_total", "Events passed by the hop, per event type", [Hop, "type"]))
            .WithLabels([hop, type]).Inc(count);
}

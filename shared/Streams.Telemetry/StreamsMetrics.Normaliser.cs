using System.Diagnostics.Metrics;

namespace Streams.Telemetry;

/// <summary>The normaliser's own instruments: filtered and duplicate events, the duplicate window, volume per type.</summary>
public sealed partial class StreamsMetrics
{
    private Counter<long>? _filteredEvents;
    private Counter<long>? _duplicateEvents;
    private Counter<long>? _dedupEvictions;
    private Gauge<long>? _dedupWindowIds;
    private Counter<long>? _eventsByType;

    /// <summary>Counts events a rule dropped on purpose (filtered, not lost).</summary>
    /// <param name="hop">The filtering hop.</param>
    /// <param name="rule">The rule's name.</param>
    /// <param name="count">How many events.</param>
    public void CountFilteredEvents(string hop, string rule, long count = 1) =>
        Instrument(ref _filteredEvents, static m => m.CreateCounter<long>("streams_filtered_events_total", "{event}", "Events dropped on purpose by a rule"))
            .Add(count, Tag(Hop, hop), Tag("rule", rule));

    /// <summary>Counts events suppressed as duplicates of an event already passed within the window.</summary>
    /// <param name="hop">The deduplicating hop.</param>
    /// <param name="count">How many events.</param>
    public void CountDuplicateEvents(string hop, long count = 1) =>
        Instrument(ref _duplicateEvents, static m => m.CreateCounter<long>("streams_duplicate_events_total", "{event}", "Events suppressed as duplicates within the window"))
            .Add(count, Tag(Hop, hop));

    /// <summary>Counts ids evicted from a duplicate window before their time because it was full.</summary>
    /// <param name="hop">The deduplicating hop.</param>
    /// <param name="count">How many ids.</param>
    public void CountDedupEvictions(string hop, long count) =>
        Instrument(ref _dedupEvictions, static m => m.CreateCounter<long>("streams_dedup_evictions_total", "{id}", "Ids evicted early from a full duplicate window"))
            .Add(count, Tag(Hop, hop));

    /// <summary>Sets how many ids one partition's duplicate window holds.</summary>
    /// <param name="hop">The deduplicating hop.</param>
    /// <param name="partition">The input partition.</param>
    /// <param name="ids">Ids held.</param>
    public void SetDedupWindowIds(string hop, int partition, long ids) =>
        Instrument(ref _dedupWindowIds, static m => m.CreateGauge<long>("streams_dedup_window_ids", "{id}", "Ids held in a partition's duplicate window"))
            .Record(ids, Tag(Hop, hop), new KeyValuePair<string, object?>("partition", partition));

    /// <summary>Counts events passed by <paramref name="hop"/> per event type: the data-quality volume signal.</summary>
    /// <param name="hop">The hop.</param>
    /// <param name="type">The event type; the caller bounds how many distinct values it uses.</param>
    /// <param name="count">How many events.</param>
    public void CountEventsByType(string hop, string type, long count = 1) =>
        Instrument(ref _eventsByType, static m => m.CreateCounter<long>("streams_events_by_type_total", "{event}", "Events passed by the hop, per event type"))
            .Add(count, Tag(Hop, hop), Tag("type", type));

    // The constructor owns the meter; these instruments are created on first use from the same meter,
    // so they join the same exposition without touching the shared constructor.
    private T Instrument<T>(ref T? field, Func<Meter, T> create)
        where T : Instrument
    {
        if (Volatile.Read(ref field) is { } existing)
        {
            return existing;
        }

        var created = create(_eventsIn.Meter);
        return Interlocked.CompareExchange(ref field, created, null) ?? created;
    }
}

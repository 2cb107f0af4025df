using Prometheus;

namespace Streams.Telemetry;

/// <summary>Per-event receipts: what the hops wrote, what they dropped, and how far the lookup index has read.</summary>
public sealed partial class StreamsMetrics
{
    private Counter? _receiptsWritten;
    private Counter? _receiptsDropped;
    private Gauge? _receiptIndexEvents;

    /// <summary>Counts receipts handed to the receipt producer.</summary>
    /// <param name="count">How many.</param>
    public void CountReceiptsWritten(long count = 1) =>
        OnFirstUse(ref _receiptsWritten, static f => f.CreateCounter("streams_receipts_written_total", "Receipts handed to the receipt producer"))
            .Inc(count);

    /// <summary>Counts receipts (or receipt producer errors) lost; receipts are status, so the hop carries on.</summary>
    /// <param name="reason">A short category: <c>queue_full</c>, <c>topic_unknown</c>, <c>producer_error</c>, <c>stopping</c>.</param>
    /// <param name="count">How many.</param>
    public void CountReceiptDropped(string reason, long count = 1) =>
        OnFirstUse(ref _receiptsDropped, static f => f.CreateCounter("streams_receipts_dropped_total", "Receipts not written, or receipt producer errors, by reason", [Reason]))
            .WithLabels([reason]).Inc(count);

    /// <summary>Sets how many events the receipt index holds.</summary>
    /// <param name="events">Events in the index.</param>
    public void SetReceiptIndexEvents(long events) =>
        OnFirstUse(ref _receiptIndexEvents, static f => f.CreateGauge("streams_receipt_index_events", "Events the receipt lookup index holds"))
            .Set(events);
}

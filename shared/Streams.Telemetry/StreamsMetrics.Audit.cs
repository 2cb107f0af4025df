using Prometheus;

namespace Streams.Telemetry;

/// <summary>The audit's metrics: what the hops ship to the audit topic, and the loss the Auditor finds.</summary>
public sealed partial class StreamsMetrics
{
    private Counter? _auditFlushes;
    private Counter? _auditReports;
    private Counter? _auditLateEntries;
    private Counter? _auditBuckets;
    private Counter? _auditedEvents;
    private Counter? _lostEvents;
    private Counter? _digestMismatches;
    private Gauge? _lossRatio;

    /// <summary>Counts one flush of a process's audit counts to the audit topic.</summary>
    /// <param name="outcome"><c>ok</c>, or <c>failed</c> when the counts were kept for the next flush.</param>
    /// <param name="count">How many flushes; 0 creates the series.</param>
    public void CountAuditFlush(string outcome, long count = 1) =>
        OnFirstUse(ref _auditFlushes, static f => f.CreateCounter("streams_audit_flushes_total", "Flushes of audit counts to the audit topic, by outcome", [Outcome]))
            .WithLabels([outcome]).Inc(count);

    /// <summary>Counts one audit report read by the Auditor.</summary>
    /// <param name="outcome"><c>ok</c>, or <c>invalid</c> when the record was not an audit report and was skipped.</param>
    public void CountAuditReport(string outcome) =>
        OnFirstUse(ref _auditReports, static f => f.CreateCounter("streams_audit_reports_total", "Audit reports read by the auditor, by outcome", [Outcome]))
            .WithLabels([outcome]).Inc();

    /// <summary>Counts audit entries that arrived for a bucket already evaluated (the loss API still includes them).</summary>
    /// <param name="count">How many entries.</param>
    public void CountLateAuditEntries(long count) =>
        OnFirstUse(ref _auditLateEntries, static f => f.CreateCounter("streams_audit_late_entries_total", "Audit entries for event-time minutes already evaluated"))
            .Inc(count);

    /// <summary>Counts one event-time minute bucket evaluated after its grace period.</summary>
    public void CountAuditBucket() =>
        OnFirstUse(ref _auditBuckets, static f => f.CreateCounter("streams_audit_buckets_total", "Event-time minute buckets evaluated by the auditor"))
            .Inc();

    /// <summary>Counts the events a hop was expected to account for in an evaluated bucket: the loss ratio's denominator.</summary>
    /// <param name="hop">The hop, or <c>e2e</c>.</param>
    /// <param name="count">How many events.</param>
    public void CountAuditedEvents(string hop, long count) =>
        OnFirstUse(ref _auditedEvents, static f => f.CreateCounter("streams_audit_expected_events_total", "Events a hop had to account for in evaluated buckets", [Hop]))
            .WithLabels([hop]).Inc(count);

    /// <summary>Counts events lost at a hop in an evaluated bucket.</summary>
    /// <param name="hop">The hop, or <c>e2e</c>.</param>
    /// <param name="count">How many events.</param>
    public void CountLostEvents(string hop, long count) =>
        OnFirstUse(ref _lostEvents, static f => f.CreateCounter("streams_loss_events_total", "Events lost at a hop, found by the auditor", [Hop]))
            .WithLabels([hop]).Inc(count);

    /// <summary>Counts an evaluated bucket whose digests disagree at a hop (a loss or a duplicate the counts alone hide).</summary>
    /// <param name="hop">The hop, or <c>e2e</c>.</param>
    /// <param name="count">How many buckets; 0 creates the series.</param>
    public void CountDigestMismatch(string hop, long count = 1) =>
        OnFirstUse(ref _digestMismatches, static f => f.CreateCounter("streams_audit_digest_mismatches_total", "Evaluated buckets whose id digests disagree at a hop", [Hop]))
            .WithLabels([hop]).Inc(count);

    /// <summary>Sets a hop's loss ratio over the recently evaluated buckets.</summary>
    /// <param name="hop">The hop, or <c>e2e</c>.</param>
    /// <param name="ratio">Lost over expected events, 0 to 1.</param>
    public void SetLossRatio(string hop, double ratio) =>
        OnFirstUse(ref _lossRatio, static f => f.CreateGauge("streams_loss_ratio", "Lost over expected events in the recently evaluated event-time minutes", [Hop]))
            .WithLabels([hop]).Set(ratio);
}

using System.Diagnostics.Metrics;

namespace Streams.Telemetry;

/// <summary>The audit's instruments: what the hops ship to the audit topic, and the loss the Auditor finds.</summary>
public sealed partial class StreamsMetrics
{
    private Counter<long>? _auditFlushes;
    private Counter<long>? _auditReports;
    private Counter<long>? _auditLateEntries;
    private Counter<long>? _auditBuckets;
    private Counter<long>? _auditedEvents;
    private Counter<long>? _lostEvents;
    private Counter<long>? _digestMismatches;
    private Gauge<double>? _lossRatio;

    /// <summary>Counts one flush of a process's audit counts to the audit topic.</summary>
    /// <param name="outcome"><c>ok</c>, or <c>failed</c> when the counts were kept for the next flush.</param>
    /// <param name="count">How many flushes; 0 creates the series.</param>
    public void CountAuditFlush(string outcome, long count = 1) =>
        Instrument(ref _auditFlushes, static m => m.CreateCounter<long>("streams_audit_flushes_total", "{flush}", "Flushes of audit counts to the audit topic, by outcome"))
            .Add(count, Tag("outcome", outcome));

    /// <summary>Counts one audit report read by the Auditor.</summary>
    /// <param name="outcome"><c>ok</c>, or <c>invalid</c> when the record was not an audit report and was skipped.</param>
    public void CountAuditReport(string outcome) =>
        Instrument(ref _auditReports, static m => m.CreateCounter<long>("streams_audit_reports_total", "{report}", "Audit reports read by the auditor, by outcome"))
            .Add(1, Tag("outcome", outcome));

    /// <summary>Counts audit entries that arrived for a bucket already evaluated (the loss API still includes them).</summary>
    /// <param name="count">How many entries.</param>
    public void CountLateAuditEntries(long count) =>
        Instrument(ref _auditLateEntries, static m => m.CreateCounter<long>("streams_audit_late_entries_total", "{entry}", "Audit entries for event-time minutes already evaluated"))
            .Add(count);

    /// <summary>Counts one event-time minute bucket evaluated after its grace period.</summary>
    public void CountAuditBucket() =>
        Instrument(ref _auditBuckets, static m => m.CreateCounter<long>("streams_audit_buckets_total", "{bucket}", "Event-time minute buckets evaluated by the auditor"))
            .Add(1);

    /// <summary>Counts the events a hop was expected to account for in an evaluated bucket: the loss ratio's denominator.</summary>
    /// <param name="hop">The hop, or <c>e2e</c>.</param>
    /// <param name="count">How many events.</param>
    public void CountAuditedEvents(string hop, long count) =>
        Instrument(ref _auditedEvents, static m => m.CreateCounter<long>("streams_audit_expected_events_total", "{event}", "Events a hop had to account for in evaluated buckets"))
            .Add(count, Tag(Hop, hop));

    /// <summary>Counts events lost at a hop in an evaluated bucket.</summary>
    /// <param name="hop">The hop, or <c>e2e</c>.</param>
    /// <param name="count">How many events.</param>
    public void CountLostEvents(string hop, long count) =>
        Instrument(ref _lostEvents, static m => m.CreateCounter<long>("streams_loss_events_total", "{event}", "Events lost at a hop, found by the auditor"))
            .Add(count, Tag(Hop, hop));

    /// <summary>Counts an evaluated bucket whose digests disagree at a hop (a loss or a duplicate the counts alone hide).</summary>
    /// <param name="hop">The hop, or <c>e2e</c>.</param>
    /// <param name="count">How many buckets; 0 creates the series.</param>
    public void CountDigestMismatch(string hop, long count = 1) =>
        Instrument(ref _digestMismatches, static m => m.CreateCounter<long>("streams_audit_digest_mismatches_total", "{bucket}", "Evaluated buckets whose id digests disagree at a hop"))
            .Add(count, Tag(Hop, hop));

    /// <summary>Sets a hop's loss ratio over the recently evaluated buckets.</summary>
    /// <param name="hop">The hop, or <c>e2e</c>.</param>
    /// <param name="ratio">Lost over expected events, 0 to 1.</param>
    public void SetLossRatio(string hop, double ratio) =>
        Instrument(ref _lossRatio, static m => m.CreateGauge<double>("streams_loss_ratio", "1", "Lost over expected events in the recently evaluated event-time minutes"))
            .Record(ratio, Tag(Hop, hop));
}

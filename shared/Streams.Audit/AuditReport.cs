namespace Streams.Audit;

/// <summary>One record on the audit topic: a reporter's counts since its previous report.</summary>
/// <param name="Reporter">Which process reported, e.g. <c>host-a-4711-1f2e</c>; for diagnosis only.</param>
/// <param name="FlushedAtMs">When it was flushed, ms since the Unix epoch.</param>
/// <param name="Entries">The counts; entries are deltas, so the auditor adds them up.</param>
public sealed record AuditReport(string Reporter, long FlushedAtMs, IReadOnlyList<AuditEntry> Entries);

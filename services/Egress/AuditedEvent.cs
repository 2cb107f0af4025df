namespace Streams.Egress;

/// <summary>What the loss auditor knows an event by: its event time and identity.</summary>
/// <param name="EventTimeMs">Event time, ms since the epoch (the minute bucket it is counted in).</param>
/// <param name="Identity">The identity ingest stamped (<c>st-event-hash</c>).</param>
internal readonly record struct AuditedEvent(long EventTimeMs, ulong Identity);

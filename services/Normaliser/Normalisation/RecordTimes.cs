namespace Streams.Normaliser.Normalisation;

/// <summary>The times ingest stamped on a record's headers, in milliseconds since the Unix epoch.</summary>
/// <param name="EventTimeMs">The <c>st-event-time</c> header: the event's time, or ingest's receipt time when it had none.</param>
/// <param name="IngestTimeMs">The <c>st-ingest-time</c> header: when ingest accepted the event.</param>
public readonly record struct RecordTimes(long? EventTimeMs, long? IngestTimeMs);

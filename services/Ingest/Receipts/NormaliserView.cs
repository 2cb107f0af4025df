namespace Streams.Ingest.Receipts;

/// <summary>
/// What the normaliser did with the event; topic, partition and offset where it wrote it (normalised or dead-lettered);
/// when a resent copy was suppressed as a duplicate too, when that last happened. The outcome is <c>duplicate</c> only when
/// no other normaliser receipt is known.
/// </summary>
public sealed record NormaliserView(string Outcome, string? Topic, int? Partition, long? Offset, string Time, string? Reason, string? DuplicateAt);

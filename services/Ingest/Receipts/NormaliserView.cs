namespace Streams.Ingest.Receipts;

/// <summary>What the normaliser did with the event; topic, partition and offset where it wrote it (normalised or dead-lettered).</summary>
public sealed record NormaliserView(string Outcome, string? Topic, int? Partition, long? Offset, string Time, string? Reason);

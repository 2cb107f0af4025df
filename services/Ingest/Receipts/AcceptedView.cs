namespace Streams.Ingest.Receipts;

/// <summary>Where ingest wrote the event.</summary>
public sealed record AcceptedView(string Topic, int? Partition, long? Offset, string Time);

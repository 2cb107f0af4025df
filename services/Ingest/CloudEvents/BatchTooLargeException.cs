namespace Streams.Ingest.CloudEvents;

/// <summary>The request exceeds a size limit: answered with 413, not 400.</summary>
public sealed class BatchTooLargeException(string message) : Exception(message);

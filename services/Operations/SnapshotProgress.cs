namespace Streams.Operations;

/// <summary>How far a topic read has come.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Read">Records read so far.</param>
/// <param name="Total">Records the read will cover.</param>
public sealed record SnapshotProgress(string Topic, long Read, long Total);

namespace Streams.Kafka.Consuming;

/// <summary>A lane's request to read its partition again from <paramref name="Offset"/> once <paramref name="Until"/> has passed.</summary>
/// <param name="Lane">The partition's lane.</param>
/// <param name="Generation">The lane generation the request was made in; a later one makes it moot.</param>
/// <param name="Offset">The first offset to read again.</param>
/// <param name="Until">When to resume.</param>
internal sealed record HoldRequest(PartitionLane Lane, int Generation, long Offset, DateTimeOffset Until);

namespace Streams.Kafka;

/// <summary>What a <see cref="ManualCommitConsumerLoop"/> reads and how it batches.</summary>
/// <param name="GroupId">The consumer group.</param>
/// <param name="Topics">Topics to subscribe to.</param>
/// <param name="MaxBatchSize">Most records handed to the handler at once.</param>
/// <param name="MaxBatchWait">Longest a partial batch waits for more records.</param>
public sealed record ConsumerLoopSettings(
    string GroupId,
    IReadOnlyList<string> Topics,
    int MaxBatchSize = 1000,
    TimeSpan MaxBatchWait = default);

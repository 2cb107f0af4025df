namespace Streams.Kafka.Consuming;

/// <summary>What a <see cref="ConsumerEngine"/> reads, how it batches, and how far it runs ahead of its commits.</summary>
/// <param name="GroupId">The consumer group.</param>
/// <param name="Topics">Topics to subscribe to.</param>
public sealed record ConsumerEngineSettings(string GroupId, IReadOnlyList<string> Topics)
{
    /// <summary>The <c>hop</c> label the engine records lag-in and spans under; null for a reader that is not a hop.</summary>
    public string? Hop { get; init; }

    /// <summary>
    /// True for a hop on the delivery path (normaliser, egress): its fetches wait at most
    /// <see cref="KafkaOptions.FetchWaitMaxMs"/>, as an event's end-to-end latency waits on them. Readers off it (retry
    /// tiers, the audit) wait longer when there is nothing new, which spares the brokers their idle fetches.
    /// </summary>
    public bool OnDeliveryPath { get; init; }

    /// <summary>Most records handed to the handler in one batch, and most read in one go before batches are handed out.</summary>
    public int MaxBatchSize { get; init; } = 500;

    /// <summary>Longest a partial batch waits for more records; zero hands out what has arrived at once.</summary>
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// Records of one partition read and not yet committable before the engine stops fetching it (resuming at half):
    /// the bound on memory and on what a crash re-delivers.
    /// </summary>
    public int MaxPendingPerPartition { get; init; } = 10_000;

    /// <summary>How often finished offsets are committed, in the background (librdkafka's auto commit of stored offsets).</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>False for a reader that rebuilds its state by reading from the beginning each time (the auditor): it never commits.</summary>
    public bool Commits { get; init; } = true;

    /// <summary>On a graceful stop, how long work handed on by the handler may take to finish before it is abandoned uncommitted.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(20);
}

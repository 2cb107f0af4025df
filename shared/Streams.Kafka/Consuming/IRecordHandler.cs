using Confluent.Kafka;

namespace Streams.Kafka.Consuming;

/// <summary>
/// A hop, as the <see cref="ConsumerEngine"/> drives it: batches of one partition's records, in offset order, one
/// batch of a partition at a time (partitions in parallel).
/// </summary>
/// <remarks>
/// A record's offset is committed once its <see cref="ConsumedRecord.Done"/> is completed, which the handler does when
/// the record's outcome is durable (produced and acknowledged, delivered, dead-lettered) — before
/// <see cref="HandleAsync"/> returns, or later from any thread. Throwing means "nothing of this batch from its first
/// record not done is finished": the engine reads the partition again from the batch's start after a backoff.
/// </remarks>
public interface IRecordHandler
{
    /// <summary>Handles one partition's batch; see the interface remarks for what returning and throwing mean.</summary>
    Task HandleAsync(PartitionBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Partitions taken away in a rebalance; what was done of them was committed. Called on the engine's thread;
    /// batches of theirs still running finish, but nothing more of them is committed.
    /// </summary>
    void OnPartitionsRevoked(IReadOnlyList<TopicPartition> partitions)
    {
    }

    /// <summary>
    /// Partitions lost (the member was fenced, e.g. after missing its session): nothing of theirs was or will be
    /// committed by this member, as another may own them already. Per-partition state goes as on a revocation.
    /// </summary>
    void OnPartitionsLost(IReadOnlyList<TopicPartition> partitions) => OnPartitionsRevoked(partitions);

    /// <summary>
    /// Graceful stop, after the last batch returned: finish work handed on from <see cref="HandleAsync"/> (completing
    /// records as it ends). <paramref name="abort"/> is cancelled when the drain time is up.
    /// </summary>
    Task DrainAsync(CancellationToken abort) => Task.CompletedTask;
}

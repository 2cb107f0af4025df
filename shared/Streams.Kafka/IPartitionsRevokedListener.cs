using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>
/// Implemented by an <see cref="IRecordBatchHandler"/> that keeps per-partition state: the
/// <see cref="ManualCommitConsumerLoop"/> tells it when partitions are revoked or lost, so it can drop that state
/// (another member may change what it should hold) and rebuild it if the partitions come back.
/// </summary>
public interface IPartitionsRevokedListener
{
    /// <summary>Called on the loop's thread, between batches, with the partitions this member no longer owns.</summary>
    void OnPartitionsRevoked(IReadOnlyList<TopicPartition> partitions);
}

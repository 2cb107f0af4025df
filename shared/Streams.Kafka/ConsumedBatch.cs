using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streams.Kafka;

/// <summary>
/// The two ends of handling a consumed batch by hand, shared by every consume loop that commits whole batches:
/// commit it once its work is durable, or rewind it so it is consumed again.
/// </summary>
public static class ConsumedBatch
{
    /// <summary>
    /// Commits, per partition, the offset after the batch's last record. A failed commit is logged, not thrown:
    /// the work is done, and a lost commit only means the records are handled again after a rebalance.
    /// </summary>
    public static void Commit(IConsumer<byte[]?, byte[]> consumer, IReadOnlyList<ConsumeResult<byte[]?, byte[]>> batch, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(batch);
        var offsets = batch
            .GroupBy(record => record.TopicPartition)
            .Select(partition => new TopicPartitionOffset(partition.Key, partition.Max(record => record.Offset.Value) + 1))
            .ToList();
        try
        {
            consumer.Commit(offsets);
        }
        catch (KafkaException exception) when (!exception.Error.IsFatal)
        {
            logger.LogWarning(exception, "Commit of {Offsets} failed; the records may be handled again", offsets);
        }
    }

    /// <summary>Seeks every still-owned partition back to the batch's first record there, so nothing of it is skipped.</summary>
    public static void Rewind(IConsumer<byte[]?, byte[]> consumer, IReadOnlyList<ConsumeResult<byte[]?, byte[]>> batch)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(batch);
        var owned = consumer.Assignment.ToHashSet();
        foreach (var partition in batch.GroupBy(record => record.TopicPartition).Where(p => owned.Contains(p.Key)))
        {
            consumer.Seek(new TopicPartitionOffset(partition.Key, partition.Min(record => record.Offset.Value)));
        }
    }
}

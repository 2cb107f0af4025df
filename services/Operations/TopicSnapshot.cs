using Confluent.Kafka;
using Streams.Kafka;

namespace Streams.Operations;

/// <summary>
/// Reads what a topic holds right now: each partition from a start offset up to its end at the moment
/// the read began, outside any consumer group, so no live consumer is disturbed.
/// </summary>
public sealed class TopicSnapshot(KafkaClientFactory clients, IProgress<SnapshotProgress> progress)
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Calls <paramref name="visit"/> for every record; <paramref name="start"/> picks each partition's first offset (default: the beginning).</summary>
    public long Read(string topic, Action<ConsumeResult<byte[]?, byte[]>> visit, Func<IConsumer<byte[]?, byte[]>, TopicPartition, Offset>? start = null)
    {
        ArgumentNullException.ThrowIfNull(visit);
        using var consumer = CreateConsumer(clients);
        var ranges = Partitions(consumer, topic)
            .Select(partition => (Partition: partition, Watermarks: consumer.QueryWatermarkOffsets(partition, MetadataTimeout)))
            .Select(p => (p.Partition, From: start?.Invoke(consumer, p.Partition) ?? p.Watermarks.Low, End: p.Watermarks.High))
            .Where(p => p.From < p.End)
            .ToList();
        var total = ranges.Sum(p => p.End.Value - p.From.Value);
        if (total == 0)
        {
            return 0;
        }

        consumer.Assign(ranges.Select(p => new TopicPartitionOffset(p.Partition, p.From)));
        var remaining = ranges.ToDictionary(p => p.Partition.Partition.Value, p => p.End.Value);
        long read = 0;
        while (remaining.Count > 0)
        {
            var record = consumer.Consume(TimeSpan.FromSeconds(30))
                ?? throw new OperatorException($"{topic}: no records for 30 s while {remaining.Count} partition(s) were not read to their end; is the cluster reachable?");
            if (!remaining.TryGetValue(record.Partition.Value, out var end) || record.Offset.Value >= end)
            {
                continue;
            }

            visit(record);
            read++;
            progress.Report(new SnapshotProgress(topic, read, total));
            if (record.Offset.Value + 1 >= end)
            {
                remaining.Remove(record.Partition.Value);
                consumer.IncrementalUnassign([record.TopicPartition]);
            }
        }

        return read;
    }

    /// <summary>A consumer that never commits and belongs to a throw-away group.</summary>
    private static IConsumer<byte[]?, byte[]> CreateConsumer(KafkaClientFactory clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        return clients.CreateConsumer("streams-operator-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>The partitions of <paramref name="topic"/>, in order; <see cref="OperatorException"/> when the topic is not there.</summary>
    public static List<TopicPartition> Partitions(KafkaClientFactory clients, string topic)
    {
        using var consumer = CreateConsumer(clients);
        return Partitions(consumer, topic);
    }

    private static List<TopicPartition> Partitions(IConsumer<byte[]?, byte[]> consumer, string topic)
    {
        using var admin = new DependentAdminClientBuilder(consumer.Handle).Build();
        var metadata = admin.GetMetadata(topic, MetadataTimeout).Topics.SingleOrDefault();
        if (metadata is null || metadata.Error.IsError)
        {
            throw new OperatorException($"Topic {topic} is not there ({metadata?.Error.Reason ?? "no metadata"}).");
        }

        return [.. metadata.Partitions.Select(p => new TopicPartition(topic, p.PartitionId)).OrderBy(p => p.Partition.Value)];
    }
}

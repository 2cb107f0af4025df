using Confluent.Kafka;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>Reads a topic from the start with a real consumer (no group), and a group's committed offsets.</summary>
public sealed class TopicReader(string bootstrapServers)
{
    /// <summary>Every record of <paramref name="topic"/>, once at least <paramref name="expected"/> are there.</summary>
    public async Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]>>> ReadAsync(string topic, int expected, TimeSpan timeout)
    {
        var records = new List<ConsumeResult<byte[]?, byte[]>>();
        await Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = "reader-" + Guid.NewGuid().ToString("N"),
                EnableAutoCommit = false,
                AutoOffsetReset = AutoOffsetReset.Earliest,
            }).Build();
            var partitions = Partitions(topic);
            consumer.Assign(partitions.Select(p => new TopicPartitionOffset(p, Offset.Beginning)));
            var deadline = DateTime.UtcNow + timeout;
            while (records.Count < expected && DateTime.UtcNow < deadline)
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
                {
                    records.Add(record);
                }
            }

            // Anything beyond the expected count is there by now too, at the end of each partition.
            while (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } extra)
            {
                records.Add(extra);
            }
        });
        return records;
    }

    /// <summary>Records in <paramref name="topic"/> (sum of high watermarks).</summary>
    public long Count(string topic)
    {
        using var consumer = NewConsumer("count-" + Guid.NewGuid().ToString("N"));
        return Partitions(topic).Sum(p => consumer.QueryWatermarkOffsets(p, TimeSpan.FromSeconds(10)).High.Value);
    }

    /// <summary>True once <paramref name="group"/> has committed the end of every partition of <paramref name="topic"/>.</summary>
    public bool IsCommittedToEnd(string group, string topic)
    {
        using var consumer = NewConsumer(group);
        var partitions = Partitions(topic);
        var committed = consumer.Committed(partitions, TimeSpan.FromSeconds(10));
        return committed.All(c => c.Offset.Value == consumer.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High.Value);
    }

    private List<TopicPartition> Partitions(string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        return [.. metadata.Topics.Single().Partitions.Select(p => new TopicPartition(topic, p.PartitionId))];
    }

    private IConsumer<byte[]?, byte[]> NewConsumer(string group) =>
        new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
        }).Build();
}

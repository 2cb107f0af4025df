using Confluent.Kafka;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>What egress left on Kafka: the records of a topic, its size, and a group's committed offsets.</summary>
public sealed class TopicInspector(string bootstrapServers)
{
    /// <summary>Every record of <paramref name="topic"/>, once there are <paramref name="expected"/>; checks there are no more.</summary>
    public async Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]>>> ReadAsync(string topic, int expected, TimeSpan timeout)
    {
        var records = await TopicReader.ReadAsync(bootstrapServers, topic, read => read.Count >= expected, timeout);
        var total = Count(topic);
        return total == records.Count
            ? records
            : throw new InvalidOperationException($"{topic} holds {total} records, {records.Count} were read");
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
        return committed.All(c =>
        {
            var end = consumer.QueryWatermarkOffsets(c.TopicPartition, TimeSpan.FromSeconds(10)).High.Value;
            // A partition that never held a record has nothing to commit.
            return c.Offset.Value == end || (c.Offset == Offset.Unset && end == 0);
        });
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

using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary>
/// <see cref="TopicWindowReader"/> over the local cluster, and the timestamp lookup it cannot rely on there:
/// the local cluster answers "end" to every <c>OffsetsForTimes</c>, so the reader's search is what finds the start.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class TopicWindowReaderTests(LocalClusterFixture cluster)
{
    private const int RecordCount = 20;
    private static readonly DateTimeOffset FirstTimestamp = DateTimeOffset.UtcNow.AddHours(-3);

    [Theory]
    [InlineData(-30)]
    [InlineData(0)]
    [InlineData(7.5)]
    [InlineData(19)]
    [InlineData(19.5)]
    public async Task OffsetsForTimes_LocalCluster_AnswersEndForEveryTimestamp(double minutes)
    {
        // Arrange: a real broker would answer the first offset at or after the timestamp (0, 0, 8, 19, end).
        var partition = await ProduceMinutelyAsync();
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = "lookup-" + Guid.NewGuid().ToString("N") }).Build();
        var lookup = new TopicPartitionTimestamp(partition, new Timestamp(FirstTimestamp.AddMinutes(minutes)));

        // Act
        var answer = consumer.OffsetsForTimes([lookup], TimeSpan.FromSeconds(10)).Single();

        // Assert: librdkafka 2.16's mock cluster still does not look timestamps up (see TopicWindowReader).
        Assert.Equal(Offset.End, answer.Offset);
    }

    [Theory]
    [InlineData(-30, RecordCount, 0)]
    [InlineData(0, RecordCount, 0)]
    [InlineData(7.5, RecordCount, 8)]
    [InlineData(19, RecordCount, 19)]
    [InlineData(19.5, RecordCount, RecordCount)]
    [InlineData(-30, 5, RecordCount - 5)]
    [InlineData(17, 5, 17)]
    public async Task ReadBack_CutoffAndLimit_PassesExactlyTheRecordsFromTheCutoffAmongTheLast(double cutoffMinutes, long maxRecords, int firstExpected)
    {
        // Arrange
        var partition = await ProduceMinutelyAsync();
        var clients = new KafkaClientFactory(Options.Create(new KafkaOptions { BootstrapServers = cluster.BootstrapServers }), NullLoggerFactory.Instance);
        var reader = new TopicWindowReader(clients, "read-back-" + Guid.NewGuid().ToString("N"));
        var passed = new List<long>();

        // Act
        var count = reader.ReadBack(partition, FirstTimestamp.AddMinutes(cutoffMinutes), maxRecords, record => passed.Add(record.Offset.Value), TimeSpan.FromSeconds(60), CancellationToken.None);

        // Assert
        Assert.Equal(Enumerable.Range(firstExpected, RecordCount - firstExpected).Select(offset => (long)offset), passed);
        Assert.Equal(passed.Count, count);
    }

    /// <summary>A one-partition topic of <see cref="RecordCount"/> records stamped a minute apart from <see cref="FirstTimestamp"/>.</summary>
    private async Task<TopicPartition> ProduceMinutelyAsync()
    {
        var topic = $"t{Guid.NewGuid():N}.window";
        cluster.Cluster.CreateTopic(topic, partitions: 1);
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Acks = Acks.All }).Build();
        for (var minute = 0; minute < RecordCount; minute++)
        {
            await producer.ProduceAsync(topic, new Message<byte[]?, byte[]> { Value = [(byte)minute], Timestamp = new Timestamp(FirstTimestamp.AddMinutes(minute)) });
        }

        return new TopicPartition(topic, 0);
    }
}

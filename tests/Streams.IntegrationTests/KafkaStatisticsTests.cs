using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prometheus;
using Streams.Audit;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.IntegrationTests;

/// <summary>
/// <see cref="KafkaStatisticsMetrics"/> fed by the statistics of real clients on the local cluster, so the fields it
/// reads are checked against what the librdkafka in use writes, not only against a trimmed sample.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class KafkaStatisticsTests(LocalClusterFixture cluster) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly ServiceProvider _provider = new ServiceCollection().AddStreamsTelemetry().BuildServiceProvider();

    [Fact]
    public async Task ConsumerStatistics_OnePartitionCommittedPartway_LagOfThatPartitionOnly()
    {
        // Arrange: 10 records on partition 0 and 5 on partition 1, all consumed; only 6 of partition 0 committed.
        var topic = $"t{Guid.NewGuid():N}.lag";
        var group = "lag-" + Guid.NewGuid().ToString("N");
        cluster.Cluster.CreateTopic(topic, partitions: 3);
        using (var producer = Clients().CreateProducer("statistics"))
        {
            for (var index = 0; index < 15; index++)
            {
                await producer.ProduceAsync(new TopicPartition(topic, index < 10 ? 0 : 1), new Message<byte[]?, byte[]> { Value = [(byte)index] });
            }
        }

        using var consumer = Clients().CreateConsumer(group);
        consumer.Subscribe(topic);
        var consumed = 0;
        await Eventually.WaitUntilAsync(
            () =>
            {
                if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not null)
                {
                    consumed++;
                }

                return consumed == 15;
            },
            Deadline,
            () => $"{consumed} of 15 consumed");
        consumer.Commit([new TopicPartitionOffset(topic, 0, 6)]);

        // Act: statistics are emitted from the consumer's poll.
        await Eventually.WaitUntilAsync(
            () =>
            {
                _ = consumer.Consume(TimeSpan.FromMilliseconds(100));
                return Points("streams_consumer_lag").Count > 0;
            },
            Deadline,
            () => "no consumer lag reported");

        // Assert
        var lag = Assert.Single(Points("streams_consumer_lag"));
        Assert.Equal(4, lag.Value);
        Assert.Equal([new("group", group), new("partition", "0"), new("topic", topic)], lag.Labels.OrderBy(label => label.Key).ToList());
    }

    [Fact]
    public async Task ProducerStatistics_RealProducer_QueueDepthOfItsClient()
    {
        // Arrange
        using var producer = Clients().CreateProducer("statistics");

        // Act
        await Eventually.WaitUntilAsync(() => Points("streams_producer_queue_depth").Count > 0, Deadline, () => "no producer queue depth reported");

        // Assert
        var depth = Assert.Single(Points("streams_producer_queue_depth"));
        Assert.Equal(0, depth.Value);
        Assert.Contains(new KeyValuePair<string, string>("client", "streams-statistics"), depth.Labels);
    }

    public void Dispose() => _provider.Dispose();

    private KafkaClientFactory Clients() =>
        new(Options.Create(new KafkaOptions { BootstrapServers = cluster.BootstrapServers }), NullLoggerFactory.Instance, [new KafkaStatisticsMetrics(_provider.GetRequiredService<StreamsMetrics>())]);

    private List<(Dictionary<string, string> Labels, double Value)> Points(string family) =>
        [.. MetricsText.Samples(MetricsText.ExportAsync(_provider.GetRequiredService<CollectorRegistry>()).GetAwaiter().GetResult(), family)];
}

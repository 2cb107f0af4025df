using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using Streams.IntegrationTests.Infrastructure;
using Streams.Telemetry;

namespace Streams.Audit.Tests;

public sealed class KafkaStatisticsMetricsTests : IDisposable
{
    // Trimmed from a librdkafka 2.0.2 consumer's statistics (STATISTICS.md): partition -1 is the internal
    // "unassigned" bucket, partition 2 is not assigned to this member (lag -1).
    private const string ConsumerStatistics = """
        {"name":"streams-egress#consumer-2","client_id":"streams-egress","type":"consumer","ts":1,"msg_cnt":0,
         "topics":{"streams.normalised":{"topic":"streams.normalised","partitions":{
           "0":{"partition":0,"fetch_state":"active","committed_offset":90,"hi_offset":100,"consumer_lag":10},
           "1":{"partition":1,"fetch_state":"active","committed_offset":7,"hi_offset":7,"consumer_lag":0},
           "2":{"partition":2,"fetch_state":"none","committed_offset":-1001,"hi_offset":-1,"consumer_lag":-1},
           "-1":{"partition":-1,"consumer_lag":-1}}}},
         "cgrp":{"state":"up","join_state":"steady"}}
        """;

    private readonly ServiceProvider _provider = new ServiceCollection().AddStreamsTelemetry().BuildServiceProvider();

    [Fact]
    public async Task OnConsumerStatistics_AssignedPartitions_SetsTheirLagPerTopicPartitionAndGroup()
    {
        // Arrange
        var statistics = new KafkaStatisticsMetrics(_provider.GetRequiredService<StreamsMetrics>());

        // Act
        var set = statistics.OnConsumerStatistics("streams-egress", ConsumerStatistics);

        // Assert
        var lag = (await SamplesAsync("streams_consumer_lag")).ToDictionary(
            sample => (sample.Labels["topic"], sample.Labels["partition"], sample.Labels["group"]),
            sample => sample.Value);
        Assert.Equal(2, set);
        Assert.Equal(10, lag[("streams.normalised", "0", "streams-egress")]);
        Assert.Equal(0, lag[("streams.normalised", "1", "streams-egress")]);
        Assert.Equal(2, lag.Count);
    }

    [Fact]
    public async Task OnProducerStatistics_MessageCount_SetsTheQueueDepthOfTheClient()
    {
        // Arrange
        var statistics = new KafkaStatisticsMetrics(_provider.GetRequiredService<StreamsMetrics>());

        // Act
        var set = statistics.OnProducerStatistics("""{"name":"p#producer-1","client_id":"streams-producer","type":"producer","msg_cnt":1234}""");

        // Assert
        var (labels, depth) = Assert.Single(await SamplesAsync("streams_producer_queue_depth"));
        Assert.True(set);
        Assert.Equal(1234, depth);
        Assert.Equal("streams-producer", labels["client"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("""{"topics":[]}""")]
    [InlineData("""{"topics":{"t":{"partitions":{"x":{"consumer_lag":5},"0":{"consumer_lag":"many"},"1":7}}}}""")]
    [InlineData("""{"topics":{"t":3},"msg_cnt":"many","client_id":"c"}""")]
    public void OnConsumerStatistics_UnreadableDocument_SetsNothingAndDoesNotThrow(string json)
    {
        // Arrange
        var statistics = new KafkaStatisticsMetrics(_provider.GetRequiredService<StreamsMetrics>());

        // Act
        var set = statistics.OnConsumerStatistics("g", json);
        var producerSet = statistics.OnProducerStatistics(json);

        // Assert
        Assert.Equal(0, set);
        Assert.False(producerSet);
    }

    public void Dispose() => _provider.Dispose();

    private async Task<List<(Dictionary<string, string> Labels, double Value)>> SamplesAsync(string name) =>
        [.. MetricsText.Samples(await MetricsText.ExportAsync(_provider.GetRequiredService<CollectorRegistry>()), name)];
}

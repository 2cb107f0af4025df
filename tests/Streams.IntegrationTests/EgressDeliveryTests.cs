using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>Egress on its own (role <c>egress</c>) over the local cluster, delivering to real Kestrel receivers.</summary>
[Collection(ClusterTests.Name)]
public sealed class EgressDeliveryTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    [Fact]
    public async Task Egress_ManyEvents_SignsEveryBatchKeepsKeyOrderAndCommitsToTheEnd()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe("signed", receiver.Url, new Dictionary<string, string> { ["Secret"] = Secret, ["BatchSize"] = "50", ["LingerMs"] = "5" });
        await NormalisedEvents.ProduceAsync(cluster, topics, "order", 2_000);
        var ids = NormalisedEvents.Ids("order", 2_000);
        var reader = new TopicInspector(cluster.BootstrapServers);

        // Act
        await using var host = pipeline.Start("egress");
        await host.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), Deadline, () => $"{receiver.DistinctCount} of {ids.Count} arrived");
        await Eventually.WaitUntilAsync(() => reader.IsCommittedToEnd(topics.Prefix + "egress", topics.Normalised), Deadline, () => "offsets not committed to the end");

        // Assert
        var requests = receiver.Requests.ToList();
        Assert.All(requests, request => Assert.True(StandardWebhooksVerifier.IsValid(Secret, request), $"bad signature on request {request.Number}"));
        Assert.All(requests, request => Assert.InRange(request.EventIds.Count, 1, 50));
        Assert.Equal(ids.Count, requests.Sum(r => r.EventIds.Count));
        var arrival = requests.SelectMany(r => NormalisedEvents.KeysAndIndexes(r.Body));
        Assert.All(arrival.GroupBy(e => e.Key), key => Assert.Equal(key.Select(e => e.Index).Order(), key.Select(e => e.Index)));
        Assert.Equal(0, reader.Count(topics.DeadLetters));
        Assert.Equal(0, reader.Count(topics.RetryTier(topics.RetryTiers[0])));
    }

    [Fact]
    public async Task Egress_SlowReceiver_StaysWithinMaxInFlightAndDeliversEverything()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync(async (_, cancel) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancel);
            return ReceiverAnswer.Ok;
        });
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe("slow", receiver.Url, new Dictionary<string, string> { ["BatchSize"] = "10", ["MaxInFlight"] = "2", ["LingerMs"] = "5" });
        await NormalisedEvents.ProduceAsync(cluster, topics, "slow", 200);
        var ids = NormalisedEvents.Ids("slow", 200);

        // Act
        await using var host = pipeline.Start("egress");
        await host.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), Deadline, () => $"{receiver.DistinctCount} of {ids.Count} arrived");

        // Assert: four partitions' lanes wanted to send at once; the subscription allowed two.
        Assert.InRange(receiver.MaxConcurrent, 1, 2);
        Assert.All(receiver.Deliveries.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Egress_GracefulStopMidStream_ResumesWithoutLosingOrRepeatingEvents()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe("graceful", receiver.Url, new Dictionary<string, string> { ["BatchSize"] = "20", ["RateLimitPerSecond"] = "2000" });
        await NormalisedEvents.ProduceAsync(cluster, topics, "graceful", 10_000);
        var ids = NormalisedEvents.Ids("graceful", 10_000);

        // Act: stop (SIGTERM) part-way, then start again.
        await using (var first = pipeline.Start("egress"))
        {
            await first.WaitUntilRunningAsync();
            await Eventually.WaitUntilAsync(() => receiver.DistinctCount >= 2_000, Deadline, () => $"{receiver.DistinctCount} arrived");
            await first.StopAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(0, first.ExitCode);
        }

        var beforeRestart = receiver.DistinctCount;
        await using var second = pipeline.Start("egress");
        await second.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), Deadline, () => $"{receiver.DistinctCount} of {ids.Count} arrived");

        // Assert: in-flight batches were finished and committed before the stop, so nothing came twice.
        Assert.InRange(beforeRestart, 2_000, ids.Count - 1);
        Assert.All(receiver.Deliveries, delivery => Assert.Equal(1, delivery.Value));
    }
}

using System.Collections.Concurrent;
using System.Net;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary>
/// The circuit breaker over the real pipeline (issue 14): failed attempts that local retries fix do not open it,
/// so a receiver that needs a retry or two per batch gets everything at once, none of it through the retry tiers.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class CircuitBreakerTests(LocalClusterFixture cluster)
{
    private const int Events = 2_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Pipeline_ReceiverAnswers500TwiceThen200PerBatch_DeliversEverythingWithoutTheRetryTiers()
    {
        // Arrange: every batch (one webhook-id) fails twice and is taken on its third attempt, within the 3 local retries.
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var receiver = await TestReceiver.StartAsync(request =>
            attempts.AddOrUpdate(request.Headers["webhook-id"], 1, (_, seen) => seen + 1) <= 2 ? 500 : 200);
        string[] tiers = ["1s", "2s", "5s"];
        var topics = new TopicOptions { Prefix = $"t{Guid.NewGuid():N}.", Partitions = 4, RetryTiers = [.. tiers] };
        foreach (var topic in topics.All())
        {
            cluster.Cluster.CreateTopic(topic, topics.Partitions, topics.ReplicationFactor);
        }

        var pipeline = new Pipeline(cluster, topics).Set("Streams__Retrier__GroupId", topics.Prefix + "retrier");
        for (var index = 0; index < tiers.Length; index++)
        {
            pipeline.Set($"Streams__Retrier__Tiers__{index}", tiers[index]);
        }

        pipeline.Subscribe("flaky", receiver.Url, new Dictionary<string, string> { ["LocalRetries"] = "3", ["RetryDelayMs"] = "50" });
        await using var host = pipeline.Start("ingest,normaliser,egress,retrier");
        await host.WaitUntilRunningAsync();
        using var ingest = new IngestClient(pipeline.IngestUrl);
        var events = CloudEventBatches.Create("flaky", Events);
        var ids = events.Select(e => (string)e.GetType().GetProperty("id")!.GetValue(e)!).ToList();
        var reader = new TopicInspector(cluster.BootstrapServers);

        // Act
        foreach (var chunk in events.Chunk(500))
        {
            using var accepted = await ingest.PostAsync(chunk);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), Deadline, () => $"{ids.Count(receiver.Deliveries.ContainsKey)} of {Events} delivered");
        await Eventually.WaitUntilAsync(() => reader.IsCommittedToEnd(topics.Prefix + "egress", topics.Normalised), Deadline, () => "egress did not commit");

        // Assert: the breaker never opened, so no batch was handed to any tier, let alone climbed them or died.
        foreach (var tier in tiers)
        {
            Assert.Equal(0, reader.Count(topics.RetryTier(tier)));
        }

        Assert.Equal(0, reader.Count(topics.DeadLetters));
        Assert.All(attempts.Values, count => Assert.Equal(3, count));
    }
}

using System.Collections.Concurrent;
using System.Net;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary>
/// The circuit breaker over the real pipeline (issue 14): failed attempts that local retries fix do not open it,
/// so a receiver that needs a retry or two per batch gets everything at once, none of it through the retry tiers;
/// and an open circuit keeps batches waiting in their tier instead of pushing them down the tiers.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class CircuitBreakerTests(LocalClusterFixture cluster)
{
    private const int Events = 2_000;
    private static readonly string[] Tiers = ["1s", "2s", "5s"];
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Pipeline_ReceiverAnswers500TwiceThen200PerBatch_DeliversEverythingWithoutTheRetryTiers()
    {
        // Arrange: every batch (one webhook-id) fails twice and is taken on its third attempt, within the 3 local retries.
        var attempts = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var receiver = await TestReceiver.StartAsync(request =>
            attempts.AddOrUpdate(request.Headers["webhook-id"], 1, (_, seen) => seen + 1) <= 2 ? 500 : 200);
        var (pipeline, topics) = Configure();
        pipeline.Subscribe("flaky", receiver.Url, new Dictionary<string, string> { ["LocalRetries"] = "3", ["RetryDelayMs"] = "50" });
        await using var host = pipeline.Start("ingest,normaliser,egress,retrier");
        await host.WaitUntilRunningAsync();
        using var ingest = new IngestClient(pipeline.IngestUrl);
        var events = CloudEventBatches.Create("flaky", Events);
        var ids = Ids(events);
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
        foreach (var tier in Tiers)
        {
            Assert.Equal(0, reader.Count(topics.RetryTier(tier)));
        }

        Assert.Equal(0, reader.Count(topics.DeadLetters));
        Assert.All(attempts.Values, count => Assert.Equal(3, count));
    }

    [Fact]
    public async Task Retrier_CircuitOpenWhenBatchesFallDue_TheyWaitInTheFirstTierUntilAProbeCloses()
    {
        // Arrange: the receiver is down for 4 s from its first request. Small batches, one local retry: enough
        // batches fail in full to open the circuit (5 s), the rest are handed to the 1 s tier unsent and fall due
        // while it is still open.
        var firstRequest = new Lazy<DateTime>(() => DateTime.UtcNow, LazyThreadSafetyMode.ExecutionAndPublication);
        await using var receiver = await TestReceiver.StartAsync(_ => DateTime.UtcNow < firstRequest.Value.AddSeconds(4) ? 503 : 200);
        var (pipeline, topics) = Configure();
        pipeline.Subscribe("outage", receiver.Url, new Dictionary<string, string> { ["BatchSize"] = "5", ["LocalRetries"] = "1", ["RetryDelayMs"] = "50" });
        await using var host = pipeline.Start("ingest,normaliser,egress,retrier");
        await host.WaitUntilRunningAsync();
        using var ingest = new IngestClient(pipeline.IngestUrl);
        var events = CloudEventBatches.Create("outage", 100);
        var ids = Ids(events);
        var reader = new TopicInspector(cluster.BootstrapServers);

        // Act
        using var accepted = await ingest.PostAsync(events);
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), Deadline, () => $"{ids.Count(receiver.Deliveries.ContainsKey)} of {ids.Count} delivered");

        // Assert: the circuit did open (batches reached the first tier unsent), yet a batch that met the open
        // circuit in the retrier stayed in its tier; only a failed probe may go further, and none failed here.
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var firstTier = topics.RetryTier(Tiers[0]);
        var handedOn = await reader.ReadAsync(firstTier, (int)reader.Count(firstTier), Deadline);
        Assert.Contains(handedOn, record => record.Message.Headers.GetText(StreamsHeaders.Reason)!.Contains("circuit open", StringComparison.Ordinal));
        foreach (var tier in Tiers.Skip(1))
        {
            Assert.Equal(0, reader.Count(topics.RetryTier(tier)));
        }

        Assert.Equal(0, reader.Count(topics.DeadLetters));
    }

    private (Pipeline Pipeline, TopicOptions Topics) Configure()
    {
        var topics = cluster.CreateTopics(retryTiers: Tiers);
        return (new Pipeline(cluster, topics), topics);
    }

    private static List<string> Ids(IEnumerable<object> events) =>
        [.. events.Select(e => (string)e.GetType().GetProperty("id")!.GetValue(e)!)];
}

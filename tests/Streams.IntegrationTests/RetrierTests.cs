using System.Net;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary>The global retrier over the local cluster with real receivers: tiers, dead letters, redrive and a crash.</summary>
[Collection(ClusterTests.Name)]
public sealed class RetrierTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Retrier_ReceiverDownLongerThanLocalRetriesThenBack_EveryEventDeliveredNoneDeadLettered()
    {
        // Arrange: the receiver fails for 4 s from the first request it sees, far longer than egress' local retries (2 × 50 ms).
        var firstRequest = new Lazy<DateTime>(() => DateTime.UtcNow, LazyThreadSafetyMode.ExecutionAndPublication);
        await using var receiver = await TestReceiver.StartAsync(_ => DateTime.UtcNow < firstRequest.Value.AddSeconds(4) ? 503 : 200);
        var (pipeline, topics) = Configure("outage", receiver.Url, maxAttempts: 20);
        await using var host = pipeline.Start("ingest,normaliser,egress,retrier");
        await host.WaitUntilRunningAsync();
        using var ingest = new IngestClient(pipeline.IngestUrl);
        var events = CloudEventBatches.Create("outage", 50);

        // Act
        using var accepted = await ingest.PostAsync(events);
        var ids = Ids(events);
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), Deadline, () => $"{ids.Count(receiver.Deliveries.ContainsKey)} of {ids.Count} delivered");

        // Assert
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True(await CountAsync(topics.RetryTier("1s")) > 0, "the events never went through a retry tier");
        Assert.Equal(0, await CountAsync(topics.DeadLetters));
    }

    [Fact]
    public async Task Retrier_ReceiverAlways503_DeadLettersAfterMaxAttemptsWithReasonAndCount()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync(_ => 503);
        var (pipeline, topics) = Configure("always503", receiver.Url, maxAttempts: 6);
        await using var host = pipeline.Start("ingest,normaliser,egress,retrier");
        await host.WaitUntilRunningAsync();
        using var ingest = new IngestClient(pipeline.IngestUrl);

        // Act
        using var accepted = await ingest.PostAsync(CloudEventBatches.Create("always503", 10));
        var deadLetters = await TopicReader.ReadAsync(cluster.BootstrapServers, topics.DeadLetters, records => records.Count >= 10, Deadline);

        // Assert
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(10, deadLetters.Count);
        Assert.All(deadLetters, record =>
        {
            Assert.Equal("always503", record.Message.Headers.GetText(StreamsHeaders.Subscription));
            var reason = record.Message.Headers.GetText(StreamsHeaders.Reason);
            Assert.Contains("attempts spent", reason, StringComparison.Ordinal);
            Assert.True(int.Parse(record.Message.Headers.GetText(StreamsHeaders.Attempt)!, System.Globalization.CultureInfo.InvariantCulture) >= 6);
            // The last status is the receiver's 503, or 0 ("no answer") when the open circuit kept this batch from being sent.
            var status = record.Message.Headers.GetText(StreamsHeaders.LastStatus);
            Assert.True(status == "503" || (status == "0" && reason!.Contains("circuit open", StringComparison.Ordinal)), $"status {status}, reason {reason}");
        });
    }

    [Fact]
    public async Task Retrier_410DuringARetry_DeadLettersAtOnce()
    {
        // Arrange: 503 to the first 3 requests (egress gives up and hands on to the tier), then 410 to everything.
        var requests = 0;
        var refused = new System.Collections.Concurrent.ConcurrentBag<IReadOnlyList<string>>();
        await using var receiver = await TestReceiver.StartAsync(request =>
        {
            if (Interlocked.Increment(ref requests) <= 3)
            {
                return 503;
            }

            refused.Add(request.EventIds);
            return 410;
        });
        var (pipeline, topics) = Configure("gone", receiver.Url, maxAttempts: 20);
        await using var host = pipeline.Start("ingest,normaliser,egress,retrier");
        await host.WaitUntilRunningAsync();
        using var ingest = new IngestClient(pipeline.IngestUrl);

        // Act
        using var accepted = await ingest.PostAsync(CloudEventBatches.Create("gone", 5));
        var deadLetters = await TopicReader.ReadAsync(cluster.BootstrapServers, topics.DeadLetters, records => records.Count >= 5, Deadline);
        await Task.Delay(TimeSpan.FromSeconds(3));

        // Assert: every event dead-lettered with the 410, and none sent again after its 410.
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.All(deadLetters, record => Assert.Equal("410", record.Message.Headers.GetText(StreamsHeaders.LastStatus)));
        var refusedIds = refused.SelectMany(ids => ids).ToList();
        Assert.Equal(refusedIds.Count, refusedIds.Distinct().Count());
        Assert.Equal(5, refusedIds.Count);
    }

    [Fact]
    public async Task Redrive_AfterTheReceiverIsFixed_DeliversEveryDeadLetterOnce()
    {
        // Arrange: the receiver refuses (410) until it is "fixed".
        var fixedReceiver = false;
        await using var receiver = await TestReceiver.StartAsync(_ => Volatile.Read(ref fixedReceiver) ? 200 : 410);
        var (pipeline, topics) = Configure("redrive", receiver.Url, maxAttempts: 20);
        await using var host = pipeline.Start("ingest,normaliser,egress,retrier");
        await host.WaitUntilRunningAsync();
        using var ingest = new IngestClient(pipeline.IngestUrl);
        var events = CloudEventBatches.Create("redrive", 30);
        using var accepted = await ingest.PostAsync(events);
        await TopicReader.ReadAsync(cluster.BootstrapServers, topics.DeadLetters, records => records.Count >= 30, Deadline);

        // Act
        Volatile.Write(ref fixedReceiver, true);
        await using (var redrive = HostProcess.Start(["dlq", "redrive", "--subscription", "redrive"], pipeline.Environment))
        {
            Assert.Equal(0, await redrive.WaitForExitAsync(Deadline));
        }

        var ids = Ids(events);
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), Deadline, () => $"{ids.Count(receiver.Deliveries.ContainsKey)} of {ids.Count} redriven");
        await using (var again = HostProcess.Start(["dlq", "redrive", "--subscription", "redrive"], pipeline.Environment))
        {
            Assert.Equal(0, await again.WaitForExitAsync(Deadline));
        }

        await Task.Delay(TimeSpan.FromSeconds(2));

        // Assert
        Assert.All(ids, id => Assert.Equal(1, receiver.Deliveries[id]));
    }

    [Fact]
    public async Task Retrier_KilledWhilePausedThenRestarted_LosesNothing()
    {
        // Arrange: egress hands everything to a 3 s tier; the retrier is killed while the records wait there.
        var receiverUp = false;
        await using var receiver = await TestReceiver.StartAsync(_ => Volatile.Read(ref receiverUp) ? 200 : 503);
        var (pipeline, topics) = Configure("crash", receiver.Url, maxAttempts: 50, firstTier: "3s");
        await using var front = pipeline.Start("ingest,normaliser,egress");
        await front.WaitUntilRunningAsync();
        var retrier = HostProcess.Start(["--roles", "retrier", "--Streams:Host:Url=http://127.0.0.1:0"], pipeline.Environment);
        await retrier.WaitUntilRunningAsync();
        using var ingest = new IngestClient(pipeline.IngestUrl);
        var events = CloudEventBatches.Create("crash", 40);
        using var accepted = await ingest.PostAsync(events);
        await Eventually.WaitUntilAsync(() => CountAsync(topics.RetryTier("3s")).GetAwaiter().GetResult() >= 40, Deadline, () => "events never reached the 3s tier");

        // Act
        retrier.Kill();
        await retrier.DisposeAsync();
        Volatile.Write(ref receiverUp, true);
        await Task.Delay(TimeSpan.FromSeconds(3));
        await using var restarted = HostProcess.Start(["--roles", "retrier", "--Streams:Host:Url=http://127.0.0.1:0"], pipeline.Environment);
        await restarted.WaitUntilRunningAsync();
        var ids = Ids(events);
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), Deadline, () => $"{ids.Count(receiver.Deliveries.ContainsKey)} of {ids.Count} delivered after the restart");

        // Assert
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True(receiver.HasAll(ids));
        Assert.Equal(0, await CountAsync(topics.DeadLetters));
    }

    private (Pipeline Pipeline, TopicOptions Topics) Configure(string subscription, string url, int maxAttempts, string firstTier = "1s")
    {
        var topics = cluster.CreateTopics(retryTiers: [firstTier, "2s"]);
        var pipeline = new Pipeline(cluster, topics)
            .Set("Streams__Retrier__MaxAttempts", maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture));
        pipeline.Subscribe(subscription, url, new Dictionary<string, string> { ["LocalRetries"] = "2", ["RetryDelayMs"] = "50" });
        return (pipeline, topics);
    }

    private static List<string> Ids(IReadOnlyList<object> events) =>
        [.. events.Select(e => (string)e.GetType().GetProperty("id")!.GetValue(e)!)];

    private Task<long> CountAsync(string topic) => Task.Run(() => new TopicInspector(cluster.BootstrapServers).Count(topic));
}

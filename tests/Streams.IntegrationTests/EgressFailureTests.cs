using Confluent.Kafka;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary>How egress answers failing receivers: local retries, Retry-After, dead letters, the retry tier, the circuit breaker.</summary>
[Collection(ClusterTests.Name)]
public sealed class EgressFailureTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Egress_500TwiceThen200_RetriesTheSameBatchInPlaceAndDelivers()
    {
        // Arrange
        var calls = 0;
        await using var receiver = await TestReceiver.StartAsync(_ => Interlocked.Increment(ref calls) <= 2 ? 500 : 200);
        var (topics, pipeline) = Setup("flaky", receiver.Url, new() { ["RetryDelayMs"] = "50", ["LingerMs"] = "200" });
        await NormalisedEvents.ProduceAsync(cluster, topics, "flaky", 10, keys: 1);
        var reader = new TopicInspector(cluster.BootstrapServers);

        // Act
        await using var host = pipeline.Start("egress");
        await host.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == 10, Deadline, () => $"{receiver.DistinctCount} of 10 arrived");
        await Eventually.WaitUntilAsync(() => reader.IsCommittedToEnd(topics.Prefix + "egress", topics.Normalised), Deadline, () => "not committed");

        // Assert: one batch, three attempts, one webhook-id and body; nothing went to the retry tier or the DLQ.
        var requests = receiver.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Headers["webhook-id"]).Distinct());
        Assert.All(requests, r => Assert.Equal(requests[0].Body, r.Body));
        Assert.Equal(0, reader.Count(topics.RetryTier(topics.RetryTiers[0])));
        Assert.Equal(0, reader.Count(topics.DeadLetters));
    }

    [Fact]
    public async Task Egress_429WithRetryAfter_WaitsAsLongAsAskedBeforeTheNextAttempt()
    {
        // Arrange: the local backoff alone would retry after about 10 ms.
        var calls = 0;
        await using var receiver = await TestReceiver.StartAsync((_, _) => Task.FromResult(
            Interlocked.Increment(ref calls) == 1 ? new ReceiverAnswer(429, RetryAfterSeconds: 2) : ReceiverAnswer.Ok));
        var (topics, pipeline) = Setup("throttled", receiver.Url, new() { ["RetryDelayMs"] = "10", ["LingerMs"] = "200" });
        await NormalisedEvents.ProduceAsync(cluster, topics, "throttled", 5, keys: 1);

        // Act
        await using var host = pipeline.Start("egress");
        await host.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == 5, Deadline, () => $"{receiver.DistinctCount} of 5 arrived");

        // Assert
        var requests = receiver.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.Equal(requests[0].Headers["webhook-id"], requests[1].Headers["webhook-id"]);
        Assert.True(
            requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(1_900),
            $"second attempt {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms after the first");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(410)]
    public async Task Egress_NotRetryableAnswer_DeadLettersAtOnceAndNeverRetries(int status)
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync(_ => status);
        var (topics, pipeline) = Setup("gone", receiver.Url, new() { ["BatchSize"] = "10", ["RetryDelayMs"] = "10" });
        await NormalisedEvents.ProduceAsync(cluster, topics, $"gone{status}", 40);
        var ids = NormalisedEvents.Ids($"gone{status}", 40);
        var reader = new TopicInspector(cluster.BootstrapServers);

        // Act
        await using var host = pipeline.Start("egress");
        await host.WaitUntilRunningAsync();
        var deadLetters = await reader.ReadAsync(topics.DeadLetters, ids.Count, Deadline);
        await Eventually.WaitUntilAsync(() => reader.IsCommittedToEnd(topics.Prefix + "egress", topics.Normalised), Deadline, () => "not committed");

        // Assert: each batch was sent exactly once, and every event is in the DLQ with the reason.
        var requests = receiver.Requests.ToList();
        Assert.Equal(requests.Count, requests.Select(r => r.Headers["webhook-id"]).Distinct().Count());
        Assert.Equal(ids.Count, requests.Sum(r => r.EventIds.Count));
        Assert.Equal(ids.Order(), deadLetters.Select(EventId).Order());
        Assert.All(deadLetters, record =>
        {
            var headers = record.Message.Headers;
            Assert.Equal("gone", headers.GetText(StreamsHeaders.Subscription));
            Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), headers.GetText(StreamsHeaders.LastStatus));
            Assert.Equal("1", headers.GetText(StreamsHeaders.Attempt));
            Assert.Contains($"HTTP {status}", headers.GetText(StreamsHeaders.Reason), StringComparison.Ordinal);
            Assert.True(headers.TryGetMilliseconds(StreamsHeaders.FirstFailure, out _));
            Assert.True(headers.TryGetMilliseconds(StreamsHeaders.EventTime, out _));
        });
        Assert.Equal(0, reader.Count(topics.RetryTier(topics.RetryTiers[0])));
    }

    [Fact]
    public async Task Egress_ReceiverTimesOutTwice_RetriesUntilItAnswers()
    {
        // Arrange: the first two requests hang well past the subscription's time-out. The time-out leaves the third
        // attempt, on a new connection, room to be answered on a machine busy with the rest of the suite.
        var calls = 0;
        await using var receiver = await TestReceiver.StartAsync(async (_, cancel) =>
        {
            if (Interlocked.Increment(ref calls) <= 2)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancel);
            }

            return ReceiverAnswer.Ok;
        });
        var (topics, pipeline) = Setup("hanging", receiver.Url, new() { ["TimeoutMs"] = "1500", ["RetryDelayMs"] = "50", ["LingerMs"] = "200" });
        await NormalisedEvents.ProduceAsync(cluster, topics, "hanging", 5, keys: 1);
        var reader = new TopicInspector(cluster.BootstrapServers);

        // Act
        await using var host = pipeline.Start("egress");
        await host.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == 5, Deadline, () => $"{receiver.DistinctCount} of 5 arrived after {calls} requests; {host.Tail()}");

        // Assert
        var requests = receiver.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.Headers["webhook-id"]).Distinct());
        Assert.Equal(0, reader.Count(topics.RetryTier(topics.RetryTiers[0])));
    }

    [Fact]
    public async Task Egress_ConnectionRefused_HandsTheBatchToTheFirstRetryTierWithAttemptHeaders()
    {
        // Arrange: nothing listens on this port.
        var url = $"http://127.0.0.1:{FreePort.Next()}/hook";
        // One key, so one batch: fewer attempts than the circuit breaker needs to judge the endpoint.
        var (topics, pipeline) = Setup("refused", url, new() { ["LocalRetries"] = "2", ["RetryDelayMs"] = "20", ["LingerMs"] = "500" });
        await NormalisedEvents.ProduceAsync(cluster, topics, "refused", 20, keys: 1);
        var ids = NormalisedEvents.Ids("refused", 20);
        var reader = new TopicInspector(cluster.BootstrapServers);
        var started = DateTimeOffset.UtcNow;

        // Act
        await using var host = pipeline.Start("egress");
        await host.WaitUntilRunningAsync();
        var retries = await reader.ReadAsync(topics.RetryTier(topics.RetryTiers[0]), ids.Count, Deadline);
        await Eventually.WaitUntilAsync(() => reader.IsCommittedToEnd(topics.Prefix + "egress", topics.Normalised), Deadline, () => "not committed");

        // Assert
        Assert.Equal(ids.Order(), retries.Select(EventId).Order());
        Assert.All(retries, record =>
        {
            var headers = record.Message.Headers;
            Assert.Equal("refused", headers.GetText(StreamsHeaders.Subscription));
            Assert.Equal("3", headers.GetText(StreamsHeaders.Attempt));
            Assert.Equal("0", headers.GetText(StreamsHeaders.LastStatus));
            Assert.Contains("ConnectionRefused", headers.GetText(StreamsHeaders.Reason), StringComparison.Ordinal);
            Assert.True(headers.TryGetMilliseconds(StreamsHeaders.FirstFailure, out var firstFailure));
            Assert.True(headers.TryGetMilliseconds(StreamsHeaders.NotBefore, out var notBefore));
            // Due one tier delay (30 s) after it was handed on.
            Assert.InRange(notBefore - firstFailure, 29_000, 60_000);
            Assert.True(firstFailure >= started.ToUnixTimeMilliseconds() - 1_000);
            Assert.StartsWith("msg_", headers.GetText("st-webhook-id"), StringComparison.Ordinal);
        });
        Assert.Equal(0, reader.Count(topics.DeadLetters));
    }

    [Fact]
    public async Task Egress_BrokenSubscriptionNextToAHealthyOne_HealthyCarriesOnAndNothingStalls()
    {
        // Arrange
        await using var healthy = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        // Few uncommitted records allowed: if the broken subscription held the partitions, fetching would
        // pause and the healthy one would crawl along at the broken one's retry pace (about 270 events/s).
        var pipeline = new Pipeline(cluster, topics).Set("Streams__Egress__MaxUncommittedRecords", "500");
        pipeline.Subscribe("healthy", healthy.Url, new Dictionary<string, string> { ["LingerMs"] = "5" });
        pipeline.Subscribe("broken", $"http://127.0.0.1:{FreePort.Next()}/hook", new Dictionary<string, string> { ["RetryDelayMs"] = "200", ["LingerMs"] = "5" });
        await NormalisedEvents.ProduceAsync(cluster, topics, "pair", 20_000);
        var ids = NormalisedEvents.Ids("pair", 20_000);
        var reader = new TopicInspector(cluster.BootstrapServers);

        // Act
        await using var host = pipeline.Start("egress");
        await host.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => healthy.HasAll(ids), Deadline, () => $"{healthy.DistinctCount} of {ids.Count} reached the healthy receiver");
        var retries = await reader.ReadAsync(topics.RetryTier(topics.RetryTiers[0]), ids.Count, Deadline);
        await Eventually.WaitUntilAsync(() => reader.IsCommittedToEnd(topics.Prefix + "egress", topics.Normalised), Deadline, () => "not committed");

        // Assert: the broken subscription's events all went to the retry tier, most without waiting
        // (the circuit opened), so the partition was never held and the healthy receiver got everything once.
        Assert.Equal(ids.Order(), retries.Select(EventId).Distinct().Order());
        Assert.All(healthy.Deliveries.Values, count => Assert.Equal(1, count));
        Assert.Contains(retries, r => r.Message.Headers.GetText(StreamsHeaders.Reason)!.Contains("circuit open", StringComparison.Ordinal));
        Assert.All(retries, r => Assert.Equal("broken", r.Message.Headers.GetText(StreamsHeaders.Subscription)));
        var received = healthy.Requests.Select(r => r.ReceivedAt).ToList();
        var span = received.Max() - received.Min();
        Assert.True(span < TimeSpan.FromSeconds(20), $"the healthy subscription took {span.TotalSeconds:0.0} s for {ids.Count} events; held back by the broken one it takes over a minute");
    }

    private (TopicOptions Topics, Pipeline Pipeline) Setup(string name, string url, Dictionary<string, string> settings)
    {
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe(name, url, settings);
        return (topics, pipeline);
    }

    private string EventId(ConsumeResult<byte[]?, byte[]> record) => cluster.Envelopes.Decode(record.Message.Value).Id;
}

using System.Globalization;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary>A subscription's rate limit, judged from the receiver's own receipt times.</summary>
[Collection(ClusterTests.Name)]
public sealed class EgressRateLimitTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Egress_RateLimited_ReceiverNeverGetsMoreThanTheLimitOverAWindow()
    {
        // Arrange: R = 200 events/s, judged over 10 s windows (a correctness test, kept short).
        const int rate = 200;
        const int events = 3_000;
        var window = TimeSpan.FromSeconds(10);
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe("limited", receiver.Url, new Dictionary<string, string>
        {
            ["RateLimitPerSecond"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BatchSize"] = "20",
            ["LingerMs"] = "5",
        });
        await NormalisedEvents.ProduceAsync(cluster, topics, "limited", events);
        var ids = NormalisedEvents.Ids("limited", events);

        // Act
        await using var host = pipeline.Start("egress");
        await host.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), TimeSpan.FromSeconds(90), () => $"{receiver.DistinctCount} of {events} arrived");

        // Assert: in every window starting at a request, at most R·W events (+5%).
        var requests = receiver.Requests.OrderBy(r => r.ReceivedAt).ToList();
        var most = requests.Max(start => requests
            .Where(r => r.ReceivedAt >= start.ReceivedAt && r.ReceivedAt < start.ReceivedAt + window)
            .Sum(r => r.EventIds.Count));
        Assert.True(most <= rate * window.TotalSeconds * 1.05, $"{most} events in a {window.TotalSeconds} s window; the limit allows {rate * window.TotalSeconds}");
        // And the limit is what paced it: unlimited, 3,000 events take well under a second.
        var span = requests[^1].ReceivedAt - requests[0].ReceivedAt;
        Assert.True(span >= TimeSpan.FromSeconds(12), $"all {events} events arrived within {span.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task EgressAndRetrierInOneHost_OneRateLimitedSubscription_ReceiverGetsTheLimitOverall()
    {
        // Arrange: R = 100 events/s for one subscription; 600 new events for egress and 600 due retry records for the
        // retrier, so both roles send to the receiver at the same time. Each alone may send R; together, too, only R.
        const int rate = 100;
        const int each = 600;
        var window = TimeSpan.FromSeconds(5);
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe("shared", receiver.Url, new Dictionary<string, string>
        {
            ["RateLimitPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
            ["BatchSize"] = "10",
            ["LingerMs"] = "5",
        });
        await NormalisedEvents.ProduceAsync(cluster, topics, "fresh", each);
        var due = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await NormalisedEvents.ProduceAsync(cluster, topics, "retried", each, topic: topics.RetryTier(topics.RetryTiers[0]), stamp: headers =>
        {
            headers.SetText(StreamsHeaders.Subscription, "shared");
            headers.SetText(StreamsHeaders.Attempt, "1");
            headers.SetText(StreamsHeaders.LastStatus, "503");
            headers.SetText(StreamsHeaders.Reason, "HTTP 503");
            headers.SetMilliseconds(StreamsHeaders.FirstFailure, due);
            headers.SetMilliseconds(StreamsHeaders.NotBefore, due);
        });
        var ids = NormalisedEvents.Ids("fresh", each).Concat(NormalisedEvents.Ids("retried", each)).ToList();

        // Act
        await using var host = pipeline.Start("egress,retrier");
        await host.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), TimeSpan.FromSeconds(90), () => $"{receiver.DistinctCount} of {ids.Count} arrived");

        // Assert: both roles did send, and in every window starting at a request at most R·W events (+ jitter) arrived.
        var requests = receiver.Requests.OrderBy(r => r.ReceivedAt).ToList();
        Assert.Contains(requests, r => r.EventIds.Any(id => id.StartsWith("fresh-", StringComparison.Ordinal)));
        Assert.Contains(requests, r => r.EventIds.Any(id => id.StartsWith("retried-", StringComparison.Ordinal)));
        var most = requests.Max(start => requests
            .Where(r => r.ReceivedAt >= start.ReceivedAt && r.ReceivedAt < start.ReceivedAt + window)
            .Sum(r => r.EventIds.Count));
        // The limit holds where tokens are taken; the receiver sees arrivals, which a busy machine bunches by up to about
        // a second, so the bound is R·(W + 1 s). Two limiters (one per role) would give about 2·R·W.
        var allowed = rate * (window.TotalSeconds + 1);
        Assert.True(most <= allowed, $"{most} events in a {window.TotalSeconds} s window; the subscription's limit allows {rate * window.TotalSeconds} (+1 s of arrival jitter: {allowed})");
    }
}

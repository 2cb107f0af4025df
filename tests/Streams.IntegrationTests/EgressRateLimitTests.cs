using Streams.IntegrationTests.Infrastructure;

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
}

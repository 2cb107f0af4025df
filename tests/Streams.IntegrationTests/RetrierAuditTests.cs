using System.Text.Json;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>The retrier as an audited hop: what egress hands to a retry tier, the retrier accounts for, and the auditor shows it.</summary>
[Collection(ClusterTests.Name)]
public sealed class RetrierAuditTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Auditor_EventsFailAtEgressThenTheRetrierDelivers_RetrierRowBalancesWithNoLoss()
    {
        // Arrange: the receiver answers 503 until every event has been handed to the first tier (15 s, so the
        // retrier's first attempt comes after the switch), then 200.
        const int count = 40;
        var receiverUp = false;
        await using var receiver = await TestReceiver.StartAsync(_ => Volatile.Read(ref receiverUp) ? 200 : 503);
        // The first tier's delay is the time from the last hand-off until the receiver must be back: the retrier must find
        // it up on its first attempt, or its failures reopen the circuit and the held batches are read (and counted) again.
        var topics = cluster.CreateTopics(retryTiers: ["15s", "30s"]);
        var pipeline = new Pipeline(cluster, topics).Set("Streams__Audit__FlushIntervalMs", "200");
        // The shortest break Polly allows, so a circuit egress's failures opened is closed again before the retrier's turn.
        pipeline.Subscribe("audited", receiver.Url, new Dictionary<string, string> { ["LocalRetries"] = "1", ["RetryDelayMs"] = "20", ["CircuitBreakMs"] = "500" });
        await using var auditor = await InProcessAuditor.StartAsync(cluster, topics);
        await NormalisedEvents.ProduceAsync(cluster, topics, "audited", count);
        var ids = NormalisedEvents.Ids("audited", count);

        // Act
        await using var host = pipeline.Start("egress,retrier");
        await host.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => CountAsync(topics.RetryTier("15s")).GetAwaiter().GetResult() >= count, Deadline, () => "the events never reached the 15s tier");
        Volatile.Write(ref receiverUp, true);
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), Deadline, () => $"{receiver.DistinctCount} of {count} delivered");
        var retrier = default((long In, long Out, long Lost, long Surplus));
        await Eventually.WaitUntilAsync(
            () => (retrier = RetrierRow(auditor)).Out >= count,
            Deadline,
            () => $"the auditor's retrier row: in {retrier.In}, out {retrier.Out}");

        // Assert
        Assert.Equal((count, count, 0L, 0L), (retrier.In, retrier.Out, retrier.Lost, retrier.Surplus));
    }

    /// <summary>The retrier's row summed over every minute of the last few (the test may straddle a minute).</summary>
    private static (long In, long Out, long Lost, long Surplus) RetrierRow(InProcessAuditor auditor)
    {
        using var http = new HttpClient();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var json = http.GetStringAsync(new Uri($"{auditor.Url}/v1/loss?from={now - 300_000}&to={now + 60_000}")).GetAwaiter().GetResult();
        var rows = JsonDocument.Parse(json).RootElement.GetProperty("buckets").EnumerateArray()
            .SelectMany(bucket => bucket.GetProperty("hops").EnumerateArray())
            .Where(row => row.GetProperty("hop").GetString() == "retrier")
            .ToList();
        return (Sum(rows, "in"), Sum(rows, "out"), Sum(rows, "lost"), Sum(rows, "surplus"));
    }

    private static long Sum(List<JsonElement> rows, string column) => rows.Sum(row => row.GetProperty(column).GetInt64());

    private Task<long> CountAsync(string topic) => Task.Run(() => new TopicInspector(cluster.BootstrapServers).Count(topic));
}

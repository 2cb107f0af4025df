using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>SIGKILL egress in the middle of a stream: nothing is lost, and only the uncommitted window comes again.</summary>
[Collection(ClusterTests.Name)]
public sealed class EgressCrashTests(LocalClusterFixture cluster)
{
    /// <summary>
    /// The most records egress holds consumed but uncommitted (it stops fetching a partition at its share). Only those
    /// can have been delivered without their offsets being committed, so a crash re-delivers at most this many.
    /// </summary>
    private const int UncommittedWindow = 5_000;
    private const int Partitions = 4;

    [Fact]
    public async Task Egress_KilledMidStream_EveryIdArrivesAndDuplicatesStayWithinTheUncommittedWindow()
    {
        // Arrange
        const int events = 50_000;
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics(Partitions);
        var pipeline = new Pipeline(cluster, topics)
            .Set("Streams__Egress__MaxUncommittedRecords", (UncommittedWindow / Partitions).ToString(System.Globalization.CultureInfo.InvariantCulture));
        pipeline.Subscribe("crash", receiver.Url, new Dictionary<string, string> { ["BatchSize"] = "100", ["LingerMs"] = "5" });
        await NormalisedEvents.ProduceAsync(cluster, topics, "crash", events);
        var ids = NormalisedEvents.Ids("crash", events);

        // Act: SIGKILL once a good part has arrived, then start a fresh process.
        int beforeKill;
        await using (var first = pipeline.Start("egress"))
        {
            await first.WaitUntilRunningAsync();
            await Eventually.WaitUntilAsync(() => receiver.DistinctCount >= 10_000, TimeSpan.FromSeconds(90), () => $"{receiver.DistinctCount} arrived");
            first.Kill();
            beforeKill = receiver.DistinctCount;
        }

        await using var second = pipeline.Start("egress");
        await second.WaitUntilRunningAsync();
        await Eventually.WaitUntilAsync(() => receiver.HasAll(ids), TimeSpan.FromSeconds(120), () => $"{receiver.DistinctCount} of {events} arrived");

        // Assert
        var duplicates = receiver.Deliveries.Values.Sum(count => count - 1);
        Assert.InRange(beforeKill, 10_000, events - 1);
        Assert.Equal(events, receiver.DistinctCount);
        Assert.InRange(duplicates, 0, UncommittedWindow);
    }
}

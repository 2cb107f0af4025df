using System.Text;
using Confluent.Kafka;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary>`replay` as the real executable: exactly the events of the window reach the receiver.</summary>
[Collection(ClusterTests.Name)]
public sealed class ReplayTests(LocalClusterFixture cluster)
{
    private static readonly DateTimeOffset WindowStart = DateTimeOffset.UtcNow.AddHours(-2);

    [Fact]
    public async Task Replay_Window_DeliversExactlyTheEventsInsideIt()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        var inside = await ProduceNormalisedAsync(topics);

        // Act
        var (exitCode, output) = await RunAsync(topics, receiver.Url, "replay", "--subscription", "repair", "--from", WindowStart.ToString("O"), "--to", WindowStart.AddMinutes(10).ToString("O"));

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Equal(inside.Order(), receiver.Deliveries.Keys.Order());
        Assert.All(receiver.Deliveries.Values, count => Assert.Equal(1, count));
        Assert.Contains(output, line => line.Contains($"found {inside.Count} events in the window; delivered {inside.Count}; failed 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Replay_DryRun_CountsAndDeliversNothing()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        var inside = await ProduceNormalisedAsync(topics);

        // Act
        var (exitCode, output) = await RunAsync(topics, receiver.Url, "replay", "--subscription", "repair", "--from", WindowStart.ToString("O"), "--to", WindowStart.AddMinutes(10).ToString("O"), "--dry-run");

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Empty(receiver.Requests);
        Assert.Contains(output, line => line.StartsWith("Dry run:", StringComparison.Ordinal) && line.Contains($"found {inside.Count} events", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--subscription", "nobody", "--from", "2026-11-23T10:00:00Z", "--to", "2026-11-23T11:00:00Z")]
    [InlineData("--subscription", "repair", "--from", "2026-11-23T11:00:00Z", "--to", "2026-11-23T10:00:00Z")]
    [InlineData("--subscription", "repair", "--from", "noon-ish", "--to", "2026-11-23T11:00:00Z")]
    [InlineData("--subscription", "repair", "--from", "2026-11-23T10:00:00", "--to", "2026-11-23T11:00:00Z")]
    [InlineData("--subscription", "repair", "--from", "2026-11-23T10:00:00Z")]
    public async Task Replay_BadArguments_ClearMessageNonZeroExitNothingDelivered(params string[] arguments)
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        await ProduceNormalisedAsync(topics);

        // Act
        var (exitCode, output) = await RunAsync(topics, receiver.Url, ["replay", .. arguments]);

        // Assert
        Assert.NotEqual(0, exitCode);
        Assert.NotEmpty(output);
        Assert.Empty(receiver.Requests);
    }

    /// <summary>Events before, inside and after a 10-minute window starting at <see cref="WindowStart"/>; returns the ids inside.</summary>
    private async Task<List<string>> ProduceNormalisedAsync(TopicOptions topics)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Acks = Acks.All }).Build();
        var inside = new List<string>();
        var offsets = new[] { -30, -1, 0, 1, 5, 9, 10, 11, 60 };
        for (var i = 0; i < 60; i++)
        {
            var minutes = offsets[i % offsets.Length] + (i % 3 * 0.1);
            var eventTime = WindowStart.AddMinutes(minutes);
            var id = $"replay-{i}";
            if (eventTime >= WindowStart && eventTime < WindowStart.AddMinutes(10))
            {
                inside.Add(id);
            }

            var headers = new Headers();
            headers.SetMilliseconds(StreamsHeaders.EventTime, eventTime.ToUnixTimeMilliseconds());
            var value = cluster.Envelopes.Encode($$"""{"specversion":"1.0","id":"{{id}}","source":"/tests","type":"t","time":"{{eventTime:O}}"}""");
            await producer.ProduceAsync(topics.Normalised, new Message<byte[]?, byte[]> { Key = Encoding.UTF8.GetBytes($"k{i % 7}"), Value = value, Headers = headers });
        }

        return inside;
    }

    private async Task<(int ExitCode, IReadOnlyList<string> Output)> RunAsync(TopicOptions topics, string receiverUrl, params string[] arguments)
    {
        var environment = new Dictionary<string, string>
        {
            ["Streams__Kafka__BootstrapServers"] = cluster.BootstrapServers,
            ["Streams__Kafka__Topics__Prefix"] = topics.Prefix,
            ["Streams__SchemaRegistry__Url"] = cluster.RegistryUrl.ToString(),
            ["Streams__Egress__Subscriptions__0__Name"] = "repair",
            ["Streams__Egress__Subscriptions__0__Url"] = receiverUrl,
            ["Streams__Egress__Subscriptions__0__BatchSize"] = "7",
        };
        await using var process = HostProcess.Start(arguments, environment);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (exitCode, [.. process.Output]);
    }
}

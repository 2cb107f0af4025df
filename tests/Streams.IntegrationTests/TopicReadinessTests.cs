using System.Net;
using System.Text.Json;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary>Roles started before their topics exist, as on a real cluster with auto-creation off.</summary>
[Collection(ClusterTests.Name)]
public sealed class TopicReadinessTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Roles_TopicsMissing_NotReadyNamingThemLoggedOnceThenWorkOnceCreated()
    {
        // Arrange: a prefix of its own, no topics created yet.
        var topics = new TopicOptions { Prefix = $"t{Guid.NewGuid():N}.", Partitions = 2 };
        await using var receiver = await TestReceiver.StartAsync();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe("late", receiver.Url);
        await using var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilStartedAsync();
        using var http = new HttpClient();

        // Act
        await Eventually.WaitUntilAsync(
            () => Readiness(http, pipeline).Detail.Contains(topics.Ingested + " does not exist", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            () => "readyz never named the missing topic: " + Readiness(http, pipeline).Detail);
        var (status, detail) = Readiness(http, pipeline);
        using var refused = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, CloudEventBatches.Create("late", 3));
        var refusal = await refused.Content.ReadAsStringAsync();
        await Task.Delay(TimeSpan.FromSeconds(5)); // several checks (every 2 s) while the topics stay missing
        var missingLines = host.Output.Where(line => line.Contains(topics.Ingested + " does not exist", StringComparison.Ordinal)).ToList();
        foreach (var topic in topics.All())
        {
            cluster.Cluster.CreateTopic(topic, topics.Partitions, topics.ReplicationFactor);
        }

        await Eventually.WaitUntilAsync(() => Readiness(http, pipeline).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), () => "never ready: " + Readiness(http, pipeline).Detail);
        using var accepted = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, CloudEventBatches.Create("late", 3));
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == 3, TimeSpan.FromSeconds(30), () => $"{receiver.DistinctCount} of 3 delivered");

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains(topics.Normalised + " does not exist", detail, StringComparison.Ordinal);
        Assert.Contains(topics.DeadLetters + " does not exist", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains(topics.Ingested + " does not exist", refusal, StringComparison.Ordinal);
        Assert.True(missingLines.Count == 1, string.Join('\n', missingLines));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.False(host.HasExited);
        Assert.DoesNotContain(host.Output, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Roles_TopicsMissingWithMissingTopicsExit_ExitCodeTwoNamingTheTopic()
    {
        // Arrange
        var topics = new TopicOptions { Prefix = $"t{Guid.NewGuid():N}." };
        var pipeline = new Pipeline(cluster, topics).Set("Streams__Kafka__MissingTopics", "Exit");

        // Act
        await using var host = pipeline.Start("normaliser");
        var exit = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

        // Assert
        Assert.Equal(2, exit);
        Assert.Contains(host.Output, line => line.Contains(topics.Ingested + " does not exist", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Output, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SchemaRegistry_ItsTopicMissing_NotReadyAndRequestsAnswerAtOnceInsteadOfHanging()
    {
        // Arrange
        var topic = $"t{Guid.NewGuid():N}.schemas";
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Test",
            ["Streams__Kafka__BootstrapServers"] = cluster.BootstrapServers,
            ["Streams__Host__Url"] = url,
            ["Streams__SchemaRegistry__Topic"] = topic,
        };
        await using var host = HostProcess.Start(["--roles", "schema-registry"], environment);
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        // Act
        await Eventually.WaitUntilAsync(
            () => http.GetAsync(new Uri("readyz", UriKind.Relative)).GetAwaiter().GetResult().StatusCode == HttpStatusCode.ServiceUnavailable
                && host.Output.Any(line => line.Contains(topic + " does not exist", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(20),
            () => "the registry never said its topic is missing");
        var started = DateTime.UtcNow;
        using var subjects = await http.GetAsync(new Uri("subjects", UriKind.Relative));
        var took = DateTime.UtcNow - started;
        var body = await subjects.Content.ReadAsStringAsync();

        // Assert
        Assert.False(subjects.IsSuccessStatusCode);
        Assert.Contains(topic + " does not exist", body, StringComparison.Ordinal);
        Assert.True(took < TimeSpan.FromSeconds(5), $"GET /subjects took {took}");
        Assert.DoesNotContain(host.Output, line => line.Contains("Reading the schemas topic failed", StringComparison.Ordinal));
    }

    private static (HttpStatusCode Status, string Detail) Readiness(HttpClient http, Pipeline pipeline)
    {
        using var response = http.GetAsync(new Uri(pipeline.IngestUrl + "/readyz")).GetAwaiter().GetResult();
        var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        using var json = JsonDocument.Parse(body);
        return (response.StatusCode, json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : body);
    }
}

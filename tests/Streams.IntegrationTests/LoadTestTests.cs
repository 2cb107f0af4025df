using System.Text.Json;
using Streams.IntegrationTests.Infrastructure;
using Streams.LoadTest;

namespace Streams.IntegrationTests;

/// <summary><c>./streams loadtest</c> against a running pipeline: the report's counts are the ids that really went through.</summary>
[Collection(ClusterTests.Name)]
public sealed class LoadTestTests(LocalClusterFixture cluster) : IDisposable
{
    private static readonly string[] PipelineHops = ["ingest", "normaliser", "egress"];
    private readonly string _out = Path.Combine(Path.GetTempPath(), "streams-loadtest-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task LoadTest_AShortRunThroughIngestNormaliserAndEgress_ReportsEveryIdReceivedOnceAndEachHopsLag()
    {
        // Arrange
        var (settings, host) = await StartAsync();
        await using var running = host;
        using var output = new StringWriter();

        // Act
        var exit = await LoadTestCli.RunAsync(settings with { Rate = 200, Duration = TimeSpan.FromSeconds(3) }, output, CancellationToken.None);

        // Assert
        Assert.True(exit == 0, output.ToString());
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_out, "report.json")));
        var root = report.RootElement;
        Assert.Equal(600, root.GetProperty("sent").GetInt64());
        Assert.Equal(600, root.GetProperty("acknowledged").GetInt64());
        Assert.Equal(600, root.GetProperty("received").GetInt64());
        Assert.Equal(0, root.GetProperty("lost").GetInt64());
        Assert.Equal(0, root.GetProperty("duplicates").GetInt64());
        Assert.Equal(600, root.GetProperty("endToEnd").GetProperty("count").GetInt64());
        Assert.Equal(600, root.GetProperty("seconds").EnumerateArray().Sum(second => second.GetProperty("received").GetInt64()));
        Assert.Empty(root.GetProperty("metricsFailures").EnumerateArray());
        var hops = root.GetProperty("hops").EnumerateArray().ToDictionary(hop => hop.GetProperty("hop").GetString()!, hop => hop.GetProperty("lagOutP95Ms"));
        Assert.All(PipelineHops, hop => Assert.True(hops.TryGetValue(hop, out var lag) && lag.ValueKind == JsonValueKind.Number, $"no lag-out p95 for {hop}"));
        Assert.True(output.ToString().Contains("s] sending 200/s  sent ", StringComparison.Ordinal), output.ToString());
        Assert.True(File.Exists(Path.Combine(_out, "lag.png")));
    }

    [Fact]
    public async Task FindRating_TwoStepsWithinAGenerousTarget_RatesTheSecondStepsRate()
    {
        // Arrange
        var (settings, host) = await StartAsync();
        await using var running = host;
        using var output = new StringWriter();

        // Act
        var exit = await LoadTestCli.RunAsync(
            settings with { Rate = 40, Duration = TimeSpan.FromSeconds(2), FindRating = true, MaxSteps = 2, P95Target = TimeSpan.FromSeconds(20) },
            output,
            CancellationToken.None);

        // Assert: 40/s, then 60/s; both hold, and the rating is the last.
        Assert.True(exit == 0, output.ToString());
        var rating = await File.ReadAllLinesAsync(Path.Combine(_out, "rating.txt"));
        Assert.Equal(3, rating.Length);
        Assert.Contains("traffic rating: 60 events/s", rating[^1], StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_out, "step-01-40", "report.json")));
        Assert.True(File.Exists(Path.Combine(_out, "step-02-60", "report.json")));
        Assert.True(File.Exists(Path.Combine(_out, "warm-up", "report.json")), "the warm-up run wrote no report of its own");
    }

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private async Task<(LoadTestSettings Settings, HostProcess Host)> StartAsync()
    {
        var listen = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var pipeline = new Pipeline(cluster, cluster.CreateTopics());
        pipeline.Subscribe("loadtest", new Uri(listen, "loadtest").ToString(), new Dictionary<string, string> { ["Types__0"] = LoadBatchWriter.EventType });
        var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilRunningAsync();
        var target = new Uri(pipeline.IngestUrl + "/");
        var settings = new LoadTestSettings
        {
            Target = target,
            Metrics = [new Uri(target, "metrics")],
            Listen = listen,
            Rate = 1,
            Duration = TimeSpan.FromSeconds(1),
            Grace = TimeSpan.FromSeconds(60),
            // The sender's and the host's first requests compile their code paths: on a busy machine that alone
            // held the first step's sending back past the rate it must reach.
            WarmUp = TimeSpan.FromSeconds(1),
            Out = _out,
        };
        return (settings, host);
    }
}

using System.Text.Json;
using Streams.IntegrationTests.Infrastructure;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>
/// The SRE page (issue 15) in a real headless Chromium (Debian's, driven by playwright-core from tests/crosscheck/ui):
/// a real host runs ingest, normaliser, egress, the auditor, the demo receiver and the ui role on the local cluster, one
/// subscription delivers and one is dead-lettered (its URL answers 404), and the page must show it all without a
/// console error. Its screenshots go to a folder of the run's own, or, with STREAMS_UI_SCREENSHOTS=docs (the
/// repository's folder), to docs/ui.png and docs/ui-receipt.png: a test run leaves the working tree as it was.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class UiPageTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Page_PipelineWithTrafficAndADeadLetter_RendersEverySectionWithoutConsoleErrors()
    {
        // Arrange
        var pipeline = new Pipeline(cluster, cluster.CreateTopics());
        pipeline.Subscribe("demo", pipeline.IngestUrl + "/demo/receiver");
        pipeline.Subscribe("gone", pipeline.IngestUrl + "/gone");
        pipeline.Set("Streams__Ui__ScrapeIntervalSeconds", "1")
            .Set("Streams__Ui__RequireApiKey", "false")
            .Set("Streams__Audit__FlushIntervalMs", "500");
        await using var host = pipeline.Start("ingest,receipts,normaliser,egress,auditor,demo-receiver,ui");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();
        for (var batch = 0; batch < 5; batch++)
        {
            using var answer = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, CloudEventBatches.Create($"ui{batch}", 10));
            Assert.True(answer.IsSuccessStatusCode, $"ingest answered {answer.StatusCode}");
            // Batches over several scrape intervals, so the charts have more than one point.
            await Task.Delay(TimeSpan.FromMilliseconds(700));
        }

        // Act: traffic goes on while the page is open, so its charts have lines to draw.
        using var stop = new CancellationTokenSource();
        var traffic = SendUntilAsync(http, pipeline.IngestUrl, stop.Token);
        var screenshots = Environment.GetEnvironmentVariable("STREAMS_UI_SCREENSHOTS") is { Length: > 0 } folder
            ? RepositoryFiles.PathOf(folder)
            : Directory.CreateTempSubdirectory("streams-ui-").FullName;
        string output;
        try
        {
            output = await NodeScript.RunAsync(
                "ui", "playwright-core", "page.js", pipeline.IngestUrl + "/ui/", pipeline.IngestUrl, "/tests/ui0", "ui0-3", screenshots);
        }
        finally
        {
            await stop.CancelAsync();
            await traffic;
        }

        // Assert
        using var report = JsonDocument.Parse(output);
        var root = report.RootElement;
        Assert.True(root.GetProperty("consoleErrors").GetArrayLength() == 0, "console errors: " + root.GetProperty("consoleErrors"));
        foreach (var chart in root.GetProperty("charts").EnumerateArray())
        {
            Assert.Equal(1, chart.GetProperty("canvases").GetInt32());
            Assert.True(chart.GetProperty("points").GetInt32() > 0, $"{chart}");
            Assert.True(chart.GetProperty("series").GetInt32() >= 3, $"{chart}: expected the ingest, normaliser and egress series");
        }

        Assert.True(root.GetProperty("lossRows").GetInt32() > 0);
        Assert.Equal(["demo", "gone"], root.GetProperty("subscriptions").EnumerateArray().Select(name => name.GetString()));
        Assert.True(root.GetProperty("dialogOpen").GetBoolean());
        Assert.Contains("of subscription “gone”", root.GetProperty("dialogText").GetString(), StringComparison.Ordinal);
        Assert.Equal("Redrive cancelled.", root.GetProperty("afterCancel").GetString());
        Assert.StartsWith("Redrove ", root.GetProperty("afterConfirm").GetString(), StringComparison.Ordinal);
        Assert.Contains("ui0-3", root.GetProperty("receiptText").GetString(), StringComparison.Ordinal);
        Assert.Contains("accepted by ingest", root.GetProperty("receiptText").GetString(), StringComparison.Ordinal);
        Assert.All(["ui.png", "ui-receipt.png"], name => Assert.True(new FileInfo(Path.Combine(screenshots, name)) is { Exists: true, Length: > 0 }, name + " not written"));
    }

    private static async Task SendUntilAsync(HttpClient http, string ingestUrl, CancellationToken stop)
    {
        for (var batch = 0; !stop.IsCancellationRequested; batch++)
        {
            using var answer = await CloudEventBatches.PostAsync(http, ingestUrl, CloudEventBatches.Create($"more{batch}", 5));
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(300), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

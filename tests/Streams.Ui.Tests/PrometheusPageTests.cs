using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Streams.IntegrationTests.Infrastructure;
using Streams.Telemetry;

namespace Streams.Ui.Tests;

/// <summary>
/// The page's lag and subscriptions API with <c>Streams:Ui:PrometheusUrl</c> set: against Debian's Prometheus scraping a
/// hop's <c>/metrics</c>, and against none at all.
/// </summary>
public sealed class PrometheusPageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string[] SeriesFields = ["lagInP95Ms", "lagOutP95Ms", "processP95Ms"];

    [Fact]
    public async Task Api_ThroughARealPrometheus_ShowsEachHistogramsP95InItsBucketAndTheCircuit()
    {
        // Arrange: a hop's /metrics as every service serves it, scraped by Prometheus every second; the page asks that
        // Prometheus, with one-second steps so a few seconds of observations make points.
        await using var hop = await HopMetricsAsync();
        var metrics = hop.Services.GetRequiredService<StreamsMetrics>();
        metrics.SetCircuitState("shop", CircuitPosition.Open);
        Record(metrics);
        await using var prometheus = await PrometheusServer.StartAsync(new Dictionary<string, string> { ["streams"] = new Uri(hop.Urls.Single()).Authority }, []);
        await using var ui = await UiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Streams:Ui:PrometheusUrl"] = prometheus.Url,
            ["Streams:Ui:ScrapeIntervalSeconds"] = "1",
            ["Streams:Ui:HistoryMinutes"] = "1",
        });
        // rate() counts only what was observed after Prometheus first saw the series.
        await Eventually.WaitUntilAsync(
            async () => (await prometheus.QueryAsync("streams_lag_in_seconds_count")).GetProperty("data").GetProperty("result").GetArrayLength() > 0,
            Deadline,
            () => "Prometheus never scraped the hop:\n" + prometheus.Output);

        // Act: keep observing, so every step's rate window holds some, until the page shows a p95 of each histogram.
        var lag = default(JsonElement);
        await Eventually.WaitUntilAsync(
            async () =>
            {
                Record(metrics);
                lag = await GetAsync(ui, "lag");
                return Hop(lag, "egress") is { } egress && SeriesFields.All(field => Latest(egress, field) is not null);
            },
            Deadline,
            () => $"lag: {lag}");
        var subscriptions = await GetAsync(ui, "subscriptions");

        // Assert: each observation's bucket bounds its p95 (histogram_quantile interpolates inside the bucket).
        Assert.Empty(lag.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, lag.GetProperty("intervalSeconds").GetInt32());
        Assert.Equal(61, lag.GetProperty("times").GetArrayLength());
        var egress = Hop(lag, "egress")!.Value;
        Assert.Equal(61, egress.GetProperty("lagInP95Ms").GetArrayLength());
        Assert.InRange(Latest(egress, "lagInP95Ms")!.Value, 30.001, 50);
        Assert.InRange(Latest(egress, "lagOutP95Ms")!.Value, 200.001, 300);
        Assert.InRange(Latest(egress, "processP95Ms")!.Value, 3.001, 5);
        Assert.Empty(subscriptions.GetProperty("errors").EnumerateArray());
        var shop = Assert.Single(subscriptions.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal("shop", shop.GetProperty("name").GetString());
        Assert.Equal("open", shop.GetProperty("circuit").GetString());
        Assert.True(shop.GetProperty("deliveredPerSecond").GetDouble() > 0, $"subscriptions: {subscriptions}");
        Assert.Equal(0, shop.GetProperty("deadLetteredPerSecond").GetDouble());
    }

    [Fact]
    public async Task Api_PrometheusUnreachable_Answers200WithTheErrors()
    {
        // Arrange: nothing listens on port 9.
        await using var ui = await UiHost.StartAsync(new Dictionary<string, string?> { ["Streams:Ui:PrometheusUrl"] = "http://127.0.0.1:9" });

        // Act
        var lag = await GetAsync(ui, "lag");
        var subscriptions = await GetAsync(ui, "subscriptions");

        // Assert: the page says why its sections are empty.
        Assert.Empty(lag.GetProperty("hops").EnumerateArray());
        Assert.Equal(3, lag.GetProperty("errors").GetArrayLength());
        Assert.All(lag.GetProperty("errors").EnumerateArray(), error => Assert.StartsWith("http://127.0.0.1:9 query_range ", error.GetString(), StringComparison.Ordinal));
        Assert.Equal(2, subscriptions.GetProperty("errors").GetArrayLength());
        var shop = Assert.Single(subscriptions.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal("unknown", shop.GetProperty("circuit").GetString());
        Assert.Equal(JsonValueKind.Null, shop.GetProperty("deliveredPerSecond").ValueKind);
    }

    /// <summary>Lag-in 40 ms, lag-out 250 ms and process 4 ms, ten of each, at egress; ten deliveries to "shop".</summary>
    private static void Record(StreamsMetrics metrics)
    {
        for (var i = 0; i < 10; i++)
        {
            metrics.RecordLagIn("egress", TimeSpan.FromMilliseconds(40));
            metrics.RecordLagOut("egress", TimeSpan.FromMilliseconds(250));
            metrics.RecordProcessDuration("egress", TimeSpan.FromMilliseconds(4));
        }

        metrics.CountDeliveries("shop", "delivered", 10);
    }

    private static async Task<WebApplication> HopMetricsAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.Services.AddStreamsTelemetry();
        var app = builder.Build();
        app.MapPrometheusMetrics();
        await app.StartAsync();
        return app;
    }

    private static async Task<JsonElement> GetAsync(UiHost ui, string api)
    {
        using var answer = await ui.Http.GetAsync(new Uri($"/ui/api/{api}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static JsonElement? Hop(JsonElement lag, string name) =>
        lag.GetProperty("hops").EnumerateArray().Where(hop => hop.GetProperty("hop").GetString() == name).Cast<JsonElement?>().FirstOrDefault();

    private static double? Latest(JsonElement hop, string field) =>
        hop.GetProperty(field).EnumerateArray().Where(value => value.ValueKind == JsonValueKind.Number).Select(value => (double?)value.GetDouble()).LastOrDefault();
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Streams.Telemetry.Tests;

/// <summary>Scrapes a real Kestrel server on an ephemeral loopback port.</summary>
public class MetricsEndpointTests
{
    private const string TextFormat = "text/plain; version=0.0.4; charset=utf-8";

    [Fact]
    public async Task GetMetrics_AfterRecording_AnswersPrometheusTextWithTheRecordedSeries()
    {
        await using var app = await StartAppAsync(pattern: "/metrics");
        var metrics = app.Services.GetRequiredService<StreamsMetrics>();
        metrics.CountEventsIn("router", 3);
        metrics.RecordLagIn("router", TimeSpan.FromMilliseconds(250));
        using var client = NewClient(app);

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TextFormat, response.Content.Headers.ContentType?.ToString());
        Assert.Contains("streams_events_in_total{hop=\"router\"} 3\n", body, StringComparison.Ordinal);
        Assert.Contains("streams_lag_in_seconds_bucket{hop=\"router\",le=\"0.3\"} 1\n", body, StringComparison.Ordinal);
        Assert.Contains("streams_lag_in_seconds_bucket{hop=\"router\",le=\"0.2\"} 0\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetrics_ScraperPrefersOpenMetrics_StillAnswersTextWithBoundsSpelledAsBefore()
    {
        await using var app = await StartAppAsync(pattern: "/metrics");
        app.Services.GetRequiredService<StreamsMetrics>().RecordLagIn("router", TimeSpan.FromSeconds(1));
        using var client = NewClient(app);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));

        // What Prometheus 2.x sends.
        request.Headers.Accept.ParseAdd("application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(TextFormat, response.Content.Headers.ContentType?.ToString());
        Assert.Contains("streams_lag_in_seconds_bucket{hop=\"router\",le=\"1\"} 1\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("# EOF", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetrics_TwoHostsInOneProcess_EachServesOnlyItsOwnSeries()
    {
        await using var first = await StartAppAsync(pattern: "/metrics");
        await using var second = await StartAppAsync(pattern: "/metrics");
        first.Services.GetRequiredService<StreamsMetrics>().CountIngestRequest(202);
        second.Services.GetRequiredService<StreamsMetrics>().CountIngestRequest(400);
        using var firstClient = NewClient(first);
        using var secondClient = NewClient(second);

        var firstBody = await firstClient.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var secondBody = await secondClient.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("streams_ingest_requests_total{status=\"202\"} 1\n", firstBody, StringComparison.Ordinal);
        Assert.DoesNotContain("status=\"400\"", firstBody, StringComparison.Ordinal);
        Assert.Contains("streams_ingest_requests_total{status=\"400\"} 1\n", secondBody, StringComparison.Ordinal);
        Assert.DoesNotContain("status=\"202\"", secondBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetrics_CustomPattern_IsServedThereOnly()
    {
        await using var app = await StartAppAsync(pattern: "/internal/metrics");
        using var client = NewClient(app);

        using var custom = await client.GetAsync(new Uri("/internal/metrics", UriKind.Relative));
        using var standard = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, custom.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, standard.StatusCode);
    }

    private static HttpClient NewClient(WebApplication app) => new() { BaseAddress = new Uri(app.Urls.First()) };

    private static async Task<WebApplication> StartAppAsync(string pattern)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddStreamsTelemetry();
        var app = builder.Build();
        app.MapPrometheusMetrics(pattern);
        await app.StartAsync();
        return app;
    }
}

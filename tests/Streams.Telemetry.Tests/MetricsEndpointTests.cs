using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Streams.Telemetry.Tests;

/// <summary>Scrapes a real Kestrel server on an ephemeral loopback port.</summary>
public class MetricsEndpointTests
{
    [Fact]
    public async Task GetMetrics_AfterRecording_AnswersPrometheusTextWithTheRecordedSeries()
    {
        await using var app = await StartAppAsync(pattern: "/metrics");
        var metrics = app.Services.GetRequiredService<StreamsMetrics>();
        metrics.CountEventsIn("router", 3);
        metrics.RecordLagIn("router", TimeSpan.FromMilliseconds(250));
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PrometheusTextWriter.ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.Contains("streams_events_in_total{hop=\"router\"} 3\n", body, StringComparison.Ordinal);
        Assert.Contains("streams_lag_in_seconds_bucket{hop=\"router\",le=\"0.3\"} 1\n", body, StringComparison.Ordinal);
        Assert.Contains("streams_lag_in_seconds_bucket{hop=\"router\",le=\"0.2\"} 0\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMetrics_CustomPattern_IsServedThereOnly()
    {
        await using var app = await StartAppAsync(pattern: "/internal/metrics");
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var custom = await client.GetAsync(new Uri("/internal/metrics", UriKind.Relative));
        using var standard = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, custom.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, standard.StatusCode);
    }

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

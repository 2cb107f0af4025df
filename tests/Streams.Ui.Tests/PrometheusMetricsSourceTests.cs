using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Streams.Ui.Prometheus;
using Streams.Ui.Subscriptions;

namespace Streams.Ui.Tests;

/// <summary>Prometheus's answers, scripted, made into the page's lag report and subscriptions table.</summary>
public sealed class PrometheusMetricsSourceTests
{
    // 10:00:07 UTC: the charts end on the last multiple of the 15 s step, 10:00:00.
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 7, TimeSpan.Zero);
    private static readonly long End = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    [Fact]
    public async Task LagAsync_MatricesWithNaNAndGaps_GivesMillisecondsAndNullsOnTheStepsTimes()
    {
        // Arrange: egress's lag-in has no point at the first and fourth step (no samples in the window) and a NaN at
        // the third (no observations); only ingest reports lag-out; nobody reports process duration.
        var prometheus = new StubPrometheus()
            .Answer("streams_lag_in_seconds_bucket", Matrix(("egress", [(End - 45, "0.015"), (End - 30, "NaN"), (End, "0.0485")])))
            .Answer("streams_lag_out_seconds_bucket", Matrix(("ingest", [(End - 60, "0.002")])))
            .Answer("streams_process_duration_seconds_bucket", Matrix());

        // Act
        var report = await Source(prometheus).LagAsync(CancellationToken.None);

        // Assert
        Assert.Empty(report.Errors);
        Assert.Equal(15, report.IntervalSeconds);
        Assert.Equal([End - 60, End - 45, End - 30, End - 15, End], report.Times);
        Assert.Equal(["egress", "ingest"], report.Hops.Select(hop => hop.Hop));
        var (egress, ingest) = (report.Hops[0], report.Hops[1]);
        Assert.Equal([null, 15, null, null, 48.5], Rounded(egress.LagInP95Ms));
        Assert.Equal([null, null, null, null, null], egress.LagOutP95Ms);
        Assert.Equal([2, null, null, null, null], Rounded(ingest.LagOutP95Ms));
        Assert.Equal([null, null, null, null, null], ingest.ProcessP95Ms);
    }

    [Fact]
    public async Task LagAsync_AnyHistogram_AsksForThePodsSummedP95OverFourStepsAtTheStep()
    {
        // Arrange
        var prometheus = new StubPrometheus().Answer("_bucket", Matrix());

        // Act
        await Source(prometheus).LagAsync(CancellationToken.None);

        // Assert
        var requests = prometheus.Requests.Select(request => (request.AbsolutePath, Query: QueryHelpers.ParseQuery(request.Query))).ToList();
        Assert.All(requests, request => Assert.Equal("/prefix/api/v1/query_range", request.AbsolutePath));
        Assert.Equal(
            [
                "histogram_quantile(0.95, sum by (hop, le) (rate(streams_lag_in_seconds_bucket[60s])))",
                "histogram_quantile(0.95, sum by (hop, le) (rate(streams_lag_out_seconds_bucket[60s])))",
                "histogram_quantile(0.95, sum by (hop, le) (rate(streams_process_duration_seconds_bucket[60s])))",
            ],
            requests.Select(request => request.Query["query"].ToString()).Order(StringComparer.Ordinal));
        Assert.All(requests, request => Assert.Equal(
            [$"{End - 60}", $"{End}", "15"],
            [request.Query["start"].ToString(), request.Query["end"].ToString(), request.Query["step"].ToString()]));
    }

    [Fact]
    public async Task LagAsync_PrometheusRefusesTheQueries_ReportsWhyWithoutHops()
    {
        // Arrange
        var prometheus = new StubPrometheus().Answer(
            "_bucket",
            """{"status":"error","errorType":"bad_data","error":"exceeded maximum resolution of 11,000 points per timeseries"}""",
            HttpStatusCode.BadRequest);

        // Act
        var report = await Source(prometheus).LagAsync(CancellationToken.None);

        // Assert: the page still gets its times, so it says why the charts are empty.
        Assert.Empty(report.Hops);
        Assert.Equal(5, report.Times.Count);
        Assert.Equal(3, report.Errors.Count);
        Assert.All(report.Errors, error => Assert.EndsWith("answered 400: bad_data: exceeded maximum resolution of 11,000 points per timeseries", error, StringComparison.Ordinal));
        Assert.All(report.Errors, error => Assert.StartsWith("http://prometheus:9090/prefix/ query_range histogram_quantile(", error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubscriptionsAsync_Vectors_GivesConfiguredAndSeenWithTheirCircuitAndRates()
    {
        // Arrange: "quiet" is configured but no process reports it; "billing" is not configured but delivers.
        var prometheus = new StubPrometheus()
            .Answer("streams_circuit_state", Vector((new() { ["subscription"] = "shop" }, "2"), (new() { ["subscription"] = "billing" }, "0")))
            .Answer("streams_deliveries_total", Vector(
                (new() { ["subscription"] = "shop", ["outcome"] = "delivered" }, "20"),
                (new() { ["subscription"] = "shop", ["outcome"] = "dead_lettered" }, "0.5"),
                (new() { ["subscription"] = "billing", ["outcome"] = "retry_tier" }, "1")));

        // Act
        var table = await Source(prometheus).SubscriptionsAsync(["quiet", "shop"], CancellationToken.None);

        // Assert
        Assert.Empty(table.Errors);
        Assert.Equal(
            [
                new SubscriptionStatus("billing", "closed", 0, 0),
                new SubscriptionStatus("quiet", "unknown", 0, 0),
                new SubscriptionStatus("shop", "open", 20, 0.5),
            ],
            table.Subscriptions);
        Assert.Contains(prometheus.Requests, request => request.Query.Contains($"time={Now.ToUnixTimeSeconds()}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubscriptionsAsync_PrometheusUnreachable_ListsTheConfiguredWithNoRatesAndSaysWhy()
    {
        // Arrange
        var prometheus = new StubPrometheus { Unreachable = true };

        // Act
        var table = await Source(prometheus).SubscriptionsAsync(["shop"], CancellationToken.None);

        // Assert
        Assert.Equal([new SubscriptionStatus("shop", "unknown", null, null)], table.Subscriptions);
        Assert.Equal(2, table.Errors.Count);
        Assert.All(table.Errors, error => Assert.EndsWith(": Connection refused (prometheus:9090)", error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SubscriptionsAsync_RatesQueryFailsButCircuitsAnswer_CircuitsWithNoRates()
    {
        // Arrange: an answer that is not Prometheus's, from a proxy in front of it.
        var prometheus = new StubPrometheus()
            .Answer("streams_circuit_state", Vector((new() { ["subscription"] = "shop" }, "1")))
            .Answer("streams_deliveries_total", "<html>502 Bad Gateway</html>", HttpStatusCode.BadGateway);

        // Act
        var table = await Source(prometheus).SubscriptionsAsync([], CancellationToken.None);

        // Assert
        Assert.Equal([new SubscriptionStatus("shop", "half-open", null, null)], table.Subscriptions);
        var error = Assert.Single(table.Errors);
        Assert.Contains("answered 502", error, StringComparison.Ordinal);
        Assert.Contains("<html>502 Bad Gateway</html>", error, StringComparison.Ordinal);
    }

    private static PrometheusMetricsSource Source(StubPrometheus prometheus)
    {
        var options = Options.Create(new UiOptions { PrometheusUrl = "http://prometheus:9090/prefix/", ScrapeIntervalSeconds = 15, HistoryMinutes = 1 });
        return new PrometheusMetricsSource(new PrometheusClient(prometheus, options), options, new FakeTimeProvider(Now), NullLogger<PrometheusMetricsSource>.Instance);
    }

    private static string Matrix(params (string Hop, (long Time, string Value)[] Values)[] series) => Success("matrix", series.Select(one => new
    {
        metric = new Dictionary<string, string> { ["hop"] = one.Hop },
        values = one.Values.Select(value => new object[] { value.Time, value.Value }),
    }));

    private static string Vector(params (Dictionary<string, string> Labels, string Value)[] series) => Success("vector", series.Select(one => new
    {
        metric = one.Labels,
        value = new object[] { Now.ToUnixTimeSeconds(), one.Value },
    }));

    private static string Success(string resultType, IEnumerable<object> result) =>
        JsonSerializer.Serialize(new { status = "success", data = new { resultType, result } });

    private static double?[] Rounded(IReadOnlyList<double?> values) => [.. values.Select(value => value is { } milliseconds ? Math.Round(milliseconds, 6) : (double?)null)];
}

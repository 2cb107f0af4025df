using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.Telemetry.Tests;

public class StreamsMetricsTests
{
    /// <summary>Every metric the dashboards, alerts and docs name: type and label names, exactly.</summary>
    private static readonly Dictionary<string, (string Type, string[] Labels)> Designed = new(StringComparer.Ordinal)
    {
        ["streams_lag_in_seconds"] = ("histogram", ["hop"]),
        ["streams_lag_out_seconds"] = ("histogram", ["hop"]),
        ["streams_process_duration_seconds"] = ("histogram", ["hop"]),
        ["streams_e2e_lag_seconds"] = ("histogram", ["subscription"]),
        ["streams_events_in_total"] = ("counter", ["hop"]),
        ["streams_events_out_total"] = ("counter", ["hop"]),
        ["streams_deliveries_total"] = ("counter", ["outcome", "subscription"]),
        ["streams_delivery_attempts_total"] = ("counter", ["status_class", "subscription"]),
        ["streams_retries_total"] = ("counter", ["kind", "subscription"]),
        ["streams_dead_letters_total"] = ("counter", ["reason", "subscription"]),
        ["streams_circuit_state"] = ("gauge", ["subscription"]),
        ["streams_ingest_requests_total"] = ("counter", ["status"]),
        ["streams_invalid_events_total"] = ("counter", ["hop", "reason"]),
        ["streams_consumer_lag"] = ("gauge", ["group", "partition", "topic"]),
        ["streams_producer_queue_depth"] = ("gauge", ["client"]),
        ["streams_audit_flushes_total"] = ("counter", ["outcome"]),
        ["streams_audit_reports_total"] = ("counter", ["outcome"]),
        ["streams_audit_late_entries_total"] = ("counter", []),
        ["streams_audit_buckets_total"] = ("counter", []),
        ["streams_audit_expected_events_total"] = ("counter", ["hop"]),
        ["streams_loss_events_total"] = ("counter", ["hop"]),
        ["streams_audit_digest_mismatches_total"] = ("counter", ["hop"]),
        ["streams_loss_ratio"] = ("gauge", ["hop"]),
        ["streams_filtered_events_total"] = ("counter", ["hop", "rule"]),
        ["streams_duplicate_events_total"] = ("counter", ["hop"]),
        ["streams_dedup_evictions_total"] = ("counter", ["hop"]),
        ["streams_dedup_window_ids"] = ("gauge", ["hop", "partition"]),
        ["streams_events_by_type_total"] = ("counter", ["hop", "type"]),
        ["streams_schema_registry_requests_total"] = ("counter", ["operation", "status"]),
    };

    [Fact]
    public async Task Export_EveryMethodCalledOnce_ExposesEveryDesignedMetricWithItsTypeAndLabels()
    {
        using var provider = Exposition.NewProvider();

        Exposition.RecordEveryMetric(provider.GetRequiredService<StreamsMetrics>(), "x");
        var exposition = await Exposition.OfAsync(provider);
        var exposed = MetricsText.Types(exposition)
            .Where(family => family.Key.StartsWith("streams_", StringComparison.Ordinal))
            .Select(family => Describe(family.Key, family.Value, LabelNames(exposition, family.Key, family.Value)));

        Assert.Equal(
            Designed.Select(metric => Describe(metric.Key, metric.Value.Type, metric.Value.Labels)).Order(StringComparer.Ordinal),
            exposed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Export_NoRoleMetricUsedYet_ExposesOnlyTheMetricsEveryHopShares()
    {
        using var provider = Exposition.NewProvider();
        _ = provider.GetRequiredService<StreamsMetrics>();

        var types = MetricsText.Types(await Exposition.OfAsync(provider));

        Assert.Contains("streams_lag_in_seconds", types.Keys);
        Assert.DoesNotContain("streams_loss_ratio", types.Keys);
        Assert.DoesNotContain("streams_schema_registry_requests_total", types.Keys);
    }

    [Fact]
    public async Task CountAuditFlush_CountZero_CreatesTheSeriesAtZero()
    {
        using var provider = Exposition.NewProvider();

        provider.GetRequiredService<StreamsMetrics>().CountAuditFlush("failed", 0);

        Assert.Equal(0, MetricsText.Value(await Exposition.OfAsync(provider), "streams_audit_flushes_total", ("outcome", "failed")));
    }

    [Theory]
    [InlineData(204, "2xx")]
    [InlineData(301, "3xx")]
    [InlineData(429, "4xx")]
    [InlineData(503, "5xx")]
    [InlineData(null, "none")]
    [InlineData(99, "other")]
    [InlineData(600, "other")]
    public async Task CountDeliveryAttempt_StatusCode_IsLabelledByClass(int? statusCode, string expectedClass)
    {
        using var provider = Exposition.NewProvider();

        provider.GetRequiredService<StreamsMetrics>().CountDeliveryAttempt("s", statusCode);

        Assert.Equal(1, MetricsText.Value(await Exposition.OfAsync(provider), "streams_delivery_attempts_total", ("subscription", "s"), ("status_class", expectedClass)));
    }

    [Theory]
    [InlineData(RetryKind.Local, "local")]
    [InlineData(RetryKind.Global, "global")]
    public async Task CountRetry_Kind_IsLabelledInLowerCase(RetryKind kind, string expectedLabel)
    {
        using var provider = Exposition.NewProvider();

        provider.GetRequiredService<StreamsMetrics>().CountRetry("s", kind);

        Assert.Equal(1, MetricsText.Value(await Exposition.OfAsync(provider), "streams_retries_total", ("subscription", "s"), ("kind", expectedLabel)));
    }

    [Fact]
    public async Task SetConsumerLag_SetTwice_KeepsTheLatestLagPerPartition()
    {
        using var provider = Exposition.NewProvider();
        var metrics = provider.GetRequiredService<StreamsMetrics>();

        metrics.SetConsumerLag("events", 0, "router", 100);
        metrics.SetConsumerLag("events", 0, "router", 5);
        metrics.SetConsumerLag("events", 1, "router", 9);
        var exposition = await Exposition.OfAsync(provider);

        Assert.Equal(5, MetricsText.Value(exposition, "streams_consumer_lag", ("topic", "events"), ("partition", "0"), ("group", "router")));
        Assert.Equal(9, MetricsText.Value(exposition, "streams_consumer_lag", ("topic", "events"), ("partition", "1"), ("group", "router")));
    }

    [Fact]
    public async Task RecordLagIn_Lag_IsRecordedInSeconds()
    {
        using var provider = Exposition.NewProvider();

        provider.GetRequiredService<StreamsMetrics>().RecordLagIn("router", TimeSpan.FromMilliseconds(250));
        var exposition = await Exposition.OfAsync(provider);

        Assert.Equal(0.25, MetricsText.Value(exposition, "streams_lag_in_seconds_sum", ("hop", "router")));
        Assert.Equal(1, MetricsText.Value(exposition, "streams_lag_in_seconds_count", ("hop", "router")));
    }

    [Fact]
    public async Task CountEventsIn_FromManyThreads_TotalsMatchPerHop()
    {
        using var provider = Exposition.NewProvider();
        var metrics = provider.GetRequiredService<StreamsMetrics>();
        const int PerThread = 50_000;

        Parallel.For(0, 8, thread =>
        {
            var hop = thread % 2 == 0 ? "even" : "odd";
            for (var i = 0; i < PerThread; i++)
            {
                metrics.CountEventsIn(hop);
            }
        });
        var exposition = await Exposition.OfAsync(provider);

        Assert.Equal(4 * PerThread, MetricsText.Value(exposition, "streams_events_in_total", ("hop", "even")));
        Assert.Equal(4 * PerThread, MetricsText.Value(exposition, "streams_events_in_total", ("hop", "odd")));
    }

    [Fact]
    public async Task Export_LabelValueWithBackslashQuoteAndNewline_EscapesEachOfThem()
    {
        using var provider = Exposition.NewProvider();

        provider.GetRequiredService<StreamsMetrics>().CountEventsIn("C:\\dir \"quoted\"\nnext");

        Assert.Contains("streams_events_in_total{hop=\"C:\\\\dir \\\"quoted\\\"\\nnext\"} 1\n", await Exposition.OfAsync(provider), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_NewContainer_HasTheRuntimeAndProcessMetrics()
    {
        using var provider = Exposition.NewProvider();

        var types = MetricsText.Types(await Exposition.OfAsync(provider));

        Assert.Contains(types.Keys, name => name.StartsWith("dotnet_", StringComparison.Ordinal));
        Assert.Equal("counter", types["process_cpu_seconds_total"]);
    }

    [Fact]
    public async Task AddStreamsTelemetry_TwoContainersInOneProcess_EachExposesOnlyItsOwnSeries()
    {
        using var first = Exposition.NewProvider();
        using var second = Exposition.NewProvider();

        first.GetRequiredService<StreamsMetrics>().CountEventsIn("router", 3);
        second.GetRequiredService<StreamsMetrics>().CountEventsIn("router", 100);

        Assert.Equal(3, MetricsText.Value(await Exposition.OfAsync(first), "streams_events_in_total", ("hop", "router")));
        Assert.Equal(100, MetricsText.Value(await Exposition.OfAsync(second), "streams_events_in_total", ("hop", "router")));
    }

    [Fact]
    public void HotPathMethods_ExistingSeries_DoNotAllocate()
    {
        using var provider = Exposition.NewProvider();
        var metrics = provider.GetRequiredService<StreamsMetrics>();
        RecordPerEvent(metrics, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RecordPerEvent(metrics, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task HotPathMethods_InsideARecordedSpan_SampleNoExemplar()
    {
        // Hops record while their span is current; sampling it into exemplars would more than double the cost per event.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == nameof(StreamsMetricsTests),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource(nameof(StreamsMetricsTests));
        using var provider = Exposition.NewProvider();
        using (source.StartActivity("hop"))
        {
            RecordPerEvent(provider.GetRequiredService<StreamsMetrics>(), 1);
        }

        // Exemplars are written only in OpenMetrics, as "# {trace_id=...}" after a sample.
        using var openMetrics = new MemoryStream();
        await provider.GetRequiredService<CollectorRegistry>().CollectAndExportAsTextAsync(openMetrics, ExpositionFormat.OpenMetricsText);
        var exposition = Encoding.UTF8.GetString(openMetrics.ToArray());

        Assert.Contains("streams_events_in_total{hop=\"router\"} 1", exposition, StringComparison.Ordinal);
        Assert.DoesNotContain("trace_id", exposition, StringComparison.Ordinal);
    }

    private static void RecordPerEvent(StreamsMetrics metrics, int events)
    {
        var lag = TimeSpan.FromMilliseconds(12);
        for (var i = 0; i < events; i++)
        {
            metrics.CountEventsIn("router");
            metrics.RecordLagIn("router", lag);
            metrics.RecordProcessDuration("router", lag);
            metrics.CountDeliveryAttempt("orders-webhook", 200);
            metrics.CountEventsOut("router");
        }
    }

    private static string Describe(string name, string type, IEnumerable<string> labels) => $"{name} {type} {{{string.Join(',', labels)}}}";

    private static string[] LabelNames(string exposition, string family, string type)
    {
        var sample = MetricsText.Samples(exposition, type == "histogram" ? family + "_count" : family).First();
        return [.. sample.Labels.Keys];
    }
}

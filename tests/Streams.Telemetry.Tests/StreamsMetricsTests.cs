using Microsoft.Extensions.DependencyInjection;

namespace Streams.Telemetry.Tests;

public class StreamsMetricsTests
{
    [Fact]
    public void Collect_EveryMethodCalledOnce_ExposesEveryDesignedInstrument()
    {
        using var provider = NewProvider();
        var metrics = provider.GetRequiredService<StreamsMetrics>();

        metrics.RecordLagIn("router", TimeSpan.FromMilliseconds(5));
        metrics.RecordLagOut("router", TimeSpan.FromMilliseconds(6));
        metrics.RecordProcessDuration("router", TimeSpan.FromMilliseconds(1));
        metrics.RecordEndToEndLag("orders-webhook", TimeSpan.FromSeconds(2));
        metrics.CountEventsIn("router", 10);
        metrics.CountEventsOut("router");
        metrics.CountDelivery("orders-webhook", "delivered");
        metrics.CountDeliveryAttempt("orders-webhook", 200);
        metrics.CountRetry("orders-webhook", RetryKind.Local);
        metrics.CountDeadLetter("orders-webhook", "retries_exhausted");
        metrics.CountIngestRequest(202);
        metrics.CountInvalidEvent("ingest", "schema");
        metrics.SetConsumerLag("events", 3, "router", 42);
        metrics.SetProducerQueueDepth("router-producer", 7);
        var names = StreamsFamilies(provider).Select(family => family.Name);

        Assert.Equal(
            [
                "streams_consumer_lag", "streams_dead_letters_total", "streams_deliveries_total",
                "streams_delivery_attempts_total", "streams_e2e_lag_seconds", "streams_events_in_total",
                "streams_events_out_total", "streams_ingest_requests_total", "streams_invalid_events_total",
                "streams_lag_in_seconds", "streams_lag_out_seconds", "streams_process_duration_seconds",
                "streams_producer_queue_depth", "streams_retries_total",
            ],
            names);
    }

    [Theory]
    [InlineData(204, "2xx")]
    [InlineData(301, "3xx")]
    [InlineData(429, "4xx")]
    [InlineData(503, "5xx")]
    [InlineData(null, "none")]
    [InlineData(99, "other")]
    [InlineData(600, "other")]
    public void CountDeliveryAttempt_StatusCode_IsLabelledByClass(int? statusCode, string expectedClass)
    {
        using var provider = NewProvider();

        provider.GetRequiredService<StreamsMetrics>().CountDeliveryAttempt("s", statusCode);

        Assert.Equal(1, Collected.Value(StreamsFamilies(provider), "streams_delivery_attempts_total", ("subscription", "s"), ("status_class", expectedClass)));
    }

    [Theory]
    [InlineData(RetryKind.Local, "local")]
    [InlineData(RetryKind.Global, "global")]
    public void CountRetry_Kind_IsLabelledInLowerCase(RetryKind kind, string expectedLabel)
    {
        using var provider = NewProvider();

        provider.GetRequiredService<StreamsMetrics>().CountRetry("s", kind);

        Assert.Equal(1, Collected.Value(StreamsFamilies(provider), "streams_retries_total", ("subscription", "s"), ("kind", expectedLabel)));
    }

    [Fact]
    public void SetConsumerLag_SetTwice_KeepsTheLatestLagPerPartition()
    {
        using var provider = NewProvider();
        var metrics = provider.GetRequiredService<StreamsMetrics>();

        metrics.SetConsumerLag("events", 0, "router", 100);
        metrics.SetConsumerLag("events", 0, "router", 5);
        metrics.SetConsumerLag("events", 1, "router", 9);
        var families = StreamsFamilies(provider);

        Assert.Equal(5, Collected.Value(families, "streams_consumer_lag", ("topic", "events"), ("partition", "0"), ("group", "router")));
        Assert.Equal(9, Collected.Value(families, "streams_consumer_lag", ("topic", "events"), ("partition", "1"), ("group", "router")));
    }

    [Fact]
    public void RecordLagIn_Lag_IsRecordedInSeconds()
    {
        using var provider = NewProvider();

        provider.GetRequiredService<StreamsMetrics>().RecordLagIn("router", TimeSpan.FromMilliseconds(250));
        var histogram = Collected.Histogram(StreamsFamilies(provider), "streams_lag_in_seconds", ("hop", "router"));

        Assert.Equal(0.25, histogram.Sum);
        Assert.Equal(LatencyBuckets.Seconds, histogram.Bounds);
    }

    [Fact]
    public void HotPathMethods_ExistingSeries_DoNotAllocate()
    {
        using var provider = NewProvider();
        var metrics = provider.GetRequiredService<StreamsMetrics>();
        RecordPerEvent(metrics, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RecordPerEvent(metrics, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
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

    private static ServiceProvider NewProvider() => new ServiceCollection().AddStreamsTelemetry().BuildServiceProvider();

    private static IEnumerable<MetricFamily> StreamsFamilies(IServiceProvider provider) =>
        provider.GetRequiredService<MetricsCollector>().Collect().Where(family => family.Name.StartsWith("streams_", StringComparison.Ordinal));
}

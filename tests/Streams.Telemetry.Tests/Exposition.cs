using Microsoft.Extensions.DependencyInjection;
using Prometheus;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.Telemetry.Tests;

/// <summary>Containers set up as a host sets them up, metrics recorded in them, and what their <c>/metrics</c> would answer.</summary>
internal static class Exposition
{
    public static ServiceProvider NewProvider() => new ServiceCollection().AddStreamsTelemetry().BuildServiceProvider();

    public static Task<string> OfAsync(IServiceProvider provider) =>
        MetricsText.ExportAsync(provider.GetRequiredService<CollectorRegistry>());

    /// <summary>Calls every recording method of <paramref name="metrics"/> once, with <paramref name="label"/> for each free label.</summary>
    public static void RecordEveryMetric(StreamsMetrics metrics, string label)
    {
        metrics.RecordLagIn(label, TimeSpan.FromMilliseconds(3));
        metrics.RecordLagOut(label, TimeSpan.FromMilliseconds(6));
        metrics.RecordProcessDuration(label, TimeSpan.FromMilliseconds(1));
        metrics.RecordEndToEndLag(label, TimeSpan.FromMinutes(20));
        metrics.CountEventsIn(label, 10);
        metrics.CountEventsOut(label);
        metrics.CountDelivery(label, label);
        metrics.CountDeliveries(label, label, 4);
        metrics.CountDeliveryAttempt(label, 503);
        metrics.CountRetry(label, RetryKind.Global);
        metrics.CountDeadLetter(label, label);
        metrics.CountDeadLetters(label, label, 2);
        metrics.SetCircuitState(label, CircuitPosition.Open);
        metrics.CountIngestRequest(202);
        metrics.CountInvalidEvent(label, label);
        metrics.SetConsumerLag(label, 3, label, 42);
        metrics.SetProducerQueueDepth(label, 7);
        metrics.CountAuditFlush(label);
        metrics.CountAuditReport(label);
        metrics.CountLateAuditEntries(2);
        metrics.CountAuditBucket();
        metrics.CountAuditedEvents(label, 300);
        metrics.CountLostEvents(label, 5);
        metrics.CountDigestMismatch(label);
        metrics.SetLossRatio(label, 5.0 / 300);
        metrics.CountFilteredEvents(label, label);
        metrics.CountDuplicateEvents(label);
        metrics.CountDedupEvictions(label, 1);
        metrics.SetDedupWindowIds(label, 0, 12);
        metrics.CountEventsByType(label, label);
        metrics.CountSchemaRegistryRequest(label, 409);
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;
using Streams.Kafka;

namespace Streams.Ingest;

/// <summary>/readyz's view of ingest's producer: ready while Kafka answers it and it has not failed fatally.</summary>
internal sealed class ProducerHealthCheck(ProducerHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            health.FatalError is { } fatal ? HealthCheckResult.Unhealthy($"The producer failed: {fatal}")
            : health.KafkaReachable ? HealthCheckResult.Healthy($"Kafka reachable, {health.QueueDepth} records queued")
            : HealthCheckResult.Unhealthy("Kafka is not reachable."));
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Streams.Envelope;

/// <summary>/readyz's view of the schema registry: ready once the envelope schema's id is known.</summary>
public sealed class EnvelopeRegistryHealthCheck(EnvelopeSerializerProvider envelopes) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(envelopes.Current is { } serializer
            ? HealthCheckResult.Healthy($"envelope schema id {serializer.SchemaId}")
            : HealthCheckResult.Unhealthy(envelopes.WaitingFor ?? "The schema registry has not answered yet."));
}

using Prometheus;

namespace Streams.Telemetry;

/// <summary>The SchemaRegistry role's metrics.</summary>
public sealed partial class StreamsMetrics
{
    private Counter? _schemaRegistryRequests;

    /// <summary>Counts a schema registry request by operation and answer, so refused schemas (409, 422) and failures (5xx) show.</summary>
    /// <param name="operation">The operation, e.g. <c>register</c>; a fixed set of names.</param>
    /// <param name="status">The HTTP status of the answer.</param>
    public void CountSchemaRegistryRequest(string operation, int status) =>
        OnFirstUse(ref _schemaRegistryRequests, static f => f.CreateCounter("streams_schema_registry_requests_total", "Schema registry requests, by operation and response status code", ["operation", Status]))
            .WithLabels([operation, Label(status)]).Inc();
}

using System.Diagnostics.Metrics;
using System.Globalization;

namespace Streams.Telemetry;

/// <summary>The SchemaRegistry role's instruments.</summary>
public sealed partial class StreamsMetrics
{
    private Counter<long>? _schemaRegistryRequests;

    /// <summary>Counts a schema registry request by operation and answer, so refused schemas (409, 422) and failures (5xx) show.</summary>
    /// <param name="operation">The operation, e.g. <c>register</c>; a fixed set of names.</param>
    /// <param name="status">The HTTP status of the answer.</param>
    public void CountSchemaRegistryRequest(string operation, int status) =>
        Instrument(ref _schemaRegistryRequests, static m => m.CreateCounter<long>("streams_schema_registry_requests_total", "{request}", "Schema registry requests, by operation and response status code"))
            .Add(1, Tag("operation", operation), Tag("status", status.ToString(CultureInfo.InvariantCulture)));
}

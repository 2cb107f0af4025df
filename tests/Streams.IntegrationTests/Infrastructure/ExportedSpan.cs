namespace Streams.IntegrationTests.Infrastructure;

/// <summary>One span as an OTLP exporter sent it.</summary>
/// <param name="TraceId">Lower-case hex.</param>
/// <param name="SpanId">Lower-case hex.</param>
/// <param name="ParentSpanId">Lower-case hex; empty for a root span.</param>
/// <param name="Name">The span's name, e.g. <c>ingest process</c>.</param>
/// <param name="Kind">The OTLP span kind: 2 server, 5 consumer (opentelemetry-proto trace.proto).</param>
public sealed record ExportedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, int Kind);

namespace Streams.Logging;

/// <summary>Where traces are exported over OTLP: the <c>Streams:Telemetry</c> configuration section.</summary>
public sealed class StreamsTelemetryExportOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Telemetry";

    /// <summary>The OTLP collector, e.g. <c>http://otel-collector:4317</c>; empty (default) turns OTLP export off.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>grpc</c> (default, port 4317) or <c>http</c> (http/protobuf, port 4318).</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>
    /// The share of traces recorded, 0 to 1, decided from the trace id alone, so every hop makes the same choice for
    /// the same event and sampled traces are complete.
    /// </summary>
    public double TraceSampleRatio { get; set; } = 0.01;

    /// <summary>The service name traces carry.</summary>
    public string ServiceName { get; set; } = "streams";
}

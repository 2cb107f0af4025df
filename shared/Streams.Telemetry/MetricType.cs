namespace Streams.Telemetry;

/// <summary>The Prometheus metric types this library exposes.</summary>
public enum MetricType
{
    /// <summary>A monotonically increasing total.</summary>
    Counter,

    /// <summary>A value that can go up and down.</summary>
    Gauge,

    /// <summary>Cumulative explicit-bucket histogram with sum and count.</summary>
    Histogram,
}

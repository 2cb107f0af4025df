namespace Streams.Telemetry;

/// <summary>All series of one metric at one instant, as handed to <see cref="PrometheusTextWriter"/>.</summary>
/// <param name="Name">The metric name; the writer sanitises it and appends <c>_total</c> to counters that lack it.</param>
/// <param name="Help">Human-readable description, units included.</param>
/// <param name="Type">The metric type.</param>
/// <param name="Points">One point per label set.</param>
public sealed record MetricFamily(string Name, string Help, MetricType Type, IReadOnlyList<MetricPoint> Points);

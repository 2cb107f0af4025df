namespace Streams.Telemetry.Scraping;

/// <summary>One sample of Prometheus' text exposition format: a series name, its labels and its value.</summary>
public sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

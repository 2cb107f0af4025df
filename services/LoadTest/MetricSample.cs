namespace Streams.LoadTest;

/// <summary>One sample of Prometheus' text exposition format: a series name, its labels and its value.</summary>
internal sealed record MetricSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

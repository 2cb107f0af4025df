namespace Streams.Telemetry;

/// <summary>One series of a <see cref="MetricFamily"/>: its labels and its current value.</summary>
/// <param name="Labels">Label names and values; names are sanitised and values escaped by the writer.</param>
/// <param name="Value">The counter or gauge value; ignored for histograms.</param>
/// <param name="Histogram">The buckets, required when the family is a histogram.</param>
public sealed record MetricPoint(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    double Value,
    HistogramValue? Histogram = null);

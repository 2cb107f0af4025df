namespace Streams.Telemetry.Tests;

/// <summary>Finds series in the output of <see cref="MetricsCollector.Collect"/>.</summary>
internal static class Collected
{
    public static MetricFamily Family(IEnumerable<MetricFamily> families, string name) =>
        families.Single(family => family.Name == name);

    public static MetricPoint Point(IEnumerable<MetricFamily> families, string name, params (string Name, string Value)[] labels) =>
        Family(families, name).Points.Single(point =>
            point.Labels.Count == labels.Length
            && labels.All(label => point.Labels.Contains(new KeyValuePair<string, string>(label.Name, label.Value))));

    public static double Value(IEnumerable<MetricFamily> families, string name, params (string Name, string Value)[] labels) =>
        Point(families, name, labels).Value;

    public static HistogramValue Histogram(IEnumerable<MetricFamily> families, string name, params (string Name, string Value)[] labels) =>
        Point(families, name, labels).Histogram!;
}

namespace Streams.Ui.Prometheus;

/// <summary>One series of a query's result: its labels and its samples, oldest first (a vector's series has one).</summary>
/// <param name="Labels">The series' labels, e.g. <c>hop</c>.</param>
/// <param name="Samples">(Unix seconds, value); the value may be NaN, as <c>histogram_quantile</c> gives for no observations.</param>
internal sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<(long Time, double Value)> Samples)
{
    /// <summary>The value of <paramref name="label"/>; empty when the series has none, as PromQL reads a missing label.</summary>
    public string Label(string label) => Labels.GetValueOrDefault(label) ?? "";
}

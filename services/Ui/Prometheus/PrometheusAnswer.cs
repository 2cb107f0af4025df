namespace Streams.Ui.Prometheus;

/// <summary>What a query through Prometheus's HTTP API gave: its series, or why there are none.</summary>
/// <param name="Series">The result's series; empty when the query failed.</param>
/// <param name="Error">Why the query failed; null when it succeeded.</param>
internal sealed record PrometheusAnswer(IReadOnlyList<PrometheusSeries> Series, string? Error)
{
    public static PrometheusAnswer Failed(string error) => new([], error);
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Ui.History;
using Streams.Ui.Subscriptions;

namespace Streams.Ui.Prometheus;

/// <summary>
/// The page's metrics from the Prometheus that scrapes every pod (the chart's ServiceMonitor or PodMonitor), so no
/// pod has to be listed in <see cref="UiOptions.MetricsUrls"/>: the charts from range queries over the last
/// <see cref="UiOptions.HistoryMinutes"/>, the table from instant queries.
/// </summary>
internal sealed partial class PrometheusMetricsSource(
    PrometheusClient prometheus,
    IOptions<UiOptions> options,
    TimeProvider clock,
    ILogger<PrometheusMetricsSource> logger) : IMetricsSource
{
    public async Task<LagReport> LagAsync(CancellationToken cancellationToken)
    {
        var step = options.Value.ScrapeIntervalSeconds;
        // Times on multiples of the step, so every refresh asks for (and Prometheus evaluates) the same instants.
        var end = clock.GetUtcNow().ToUnixTimeSeconds() / step * step;
        var times = Enumerable.Range(0, (int)options.Value.HistoryPoints())
            .Select(index => end - ((long)step * index))
            .Reverse()
            .ToList();
        var window = PrometheusQueries.RateWindow(step);
        var answers = await Task.WhenAll(HopHistograms.All.Select(histogram =>
            prometheus.QueryRangeAsync(PrometheusQueries.HopP95(histogram, window), times[0], end, step, cancellationToken))).ConfigureAwait(false);
        var p95s = HopHistograms.All.Zip(answers)
            .SelectMany(pair => pair.Second.Series.Select(series => (Key: (Histogram: pair.First, Hop: series.Label("hop")), series.Samples)))
            // One series per hop, as the query sums by hop; a point Prometheus left out (no samples in the window) is NaN.
            .ToDictionary(series => series.Key, series => series.Samples.ToDictionary(sample => sample.Time, sample => sample.Value));
        return LagReport.Create(
            step,
            times,
            p95s.Keys.Select(key => key.Hop),
            (histogram, hop) => times.Select(time => p95s.TryGetValue((histogram, hop), out var values) && values.TryGetValue(time, out var value) ? value : double.NaN),
            Errors(answers));
    }

    public async Task<SubscriptionTable> SubscriptionsAsync(IEnumerable<string> configured, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var circuits = prometheus.QueryAsync(PrometheusQueries.CircuitStates, now, cancellationToken);
        var rates = prometheus.QueryAsync(PrometheusQueries.DeliveryRates(PrometheusQueries.RateWindow(options.Value.ScrapeIntervalSeconds)), now, cancellationToken);
        var answers = await Task.WhenAll(circuits, rates).ConfigureAwait(false);
        var (circuit, rate) = (answers[0], answers[1]);
        var readings = new SubscriptionReadings(
            circuit.Series.Concat(rate.Series).Select(series => series.Label("subscription")).ToHashSet(StringComparer.Ordinal),
            circuit.Series.ToDictionary(series => series.Label("subscription"), series => series.Samples[0].Value, StringComparer.Ordinal),
            rate.Error is null ? rate.Series.ToDictionary(series => (series.Label("subscription"), series.Label("outcome")), series => series.Samples[0].Value) : null);
        return new SubscriptionTable(SubscriptionReport.From(configured, readings), Errors(answers));
    }

    private List<string> Errors(IEnumerable<PrometheusAnswer> answers)
    {
        var errors = answers.Select(answer => answer.Error).OfType<string>().ToList();
        foreach (var error in errors)
        {
            LogQueryFailed(error);
        }

        return errors;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SRE page could not query Prometheus: {Reason}")]
    private partial void LogQueryFailed(string reason);
}

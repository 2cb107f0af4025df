using Streams.Telemetry;
using Streams.Telemetry.Scraping;
using Streams.Ui.History;

namespace Streams.Ui.Subscriptions;

/// <summary>Every subscription, configured here or seen in the metrics, with its circuit state and delivery rates.</summary>
internal static class SubscriptionReport
{
    public static IReadOnlyList<SubscriptionStatus> From(IEnumerable<string> configured, IReadOnlyList<MetricsPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var last = points.Count > 0 ? points[^1] : null;
        var previous = points.Count > 1 ? points[^2] : null;
        var seen = last is null
            ? []
            : last.Metrics.Samples(SubscriptionSeries.Deliveries).Concat(last.Metrics.Samples(SubscriptionSeries.CircuitState))
                .Select(sample => sample.Labels.GetValueOrDefault("subscription") ?? "");
        return [.. configured.Concat(seen)
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name => new SubscriptionStatus(
                name,
                Circuit(last, name),
                Rate(previous, last, name, "delivered"),
                Rate(previous, last, name, "dead_lettered")))];
    }

    private static string Circuit(MetricsPoint? last, string name)
    {
        var states = last?.Metrics.Samples(SubscriptionSeries.CircuitState).Where(sample => Of(sample, name)).Select(sample => sample.Value).ToList() ?? [];
        return states.Count == 0
            ? "unknown"
            : (CircuitPosition)(int)states.Max() switch
            {
                CircuitPosition.Open => "open",
                CircuitPosition.HalfOpen => "half-open",
                _ => "closed",
            };
    }

    private static double? Rate(MetricsPoint? previous, MetricsPoint? last, string name, string outcome)
    {
        if (previous is null || last is null || last.At <= previous.At)
        {
            return null;
        }

        var now = Delivered(last, name, outcome);
        var before = Delivered(previous, name, outcome);
        // A restarted process counts from zero again: then everything it counted is new.
        var increase = now >= before ? now - before : now;
        return increase / (last.At - previous.At).TotalSeconds;
    }

    private static double Delivered(MetricsPoint point, string name, string outcome) =>
        point.Metrics.Samples(SubscriptionSeries.Deliveries)
            .Where(sample => Of(sample, name) && sample.Labels.GetValueOrDefault("outcome") == outcome)
            .Sum(sample => sample.Value);

    private static bool Of(MetricSample sample, string name) => sample.Labels.GetValueOrDefault("subscription") == name;
}

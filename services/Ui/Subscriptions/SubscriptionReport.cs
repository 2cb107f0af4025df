using Streams.Telemetry;
using Streams.Telemetry.Scraping;
using Streams.Ui.History;

namespace Streams.Ui.Subscriptions;

/// <summary>Every subscription, configured here or seen in the metrics, with its circuit state and delivery rates.</summary>
internal static class SubscriptionReport
{
    public const string Delivered = "delivered";
    public const string DeadLettered = "dead_lettered";

    /// <summary>The rows from the page's own scrapes: the circuits of the last, the rates between the last two.</summary>
    public static IReadOnlyList<SubscriptionStatus> From(IEnumerable<string> configured, IReadOnlyList<MetricsPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var last = points.Count > 0 ? points[^1] : null;
        var previous = points.Count > 1 ? points[^2] : null;
        var deliveries = last?.Metrics.Samples(SubscriptionSeries.Deliveries).ToList() ?? [];
        var circuits = last?.Metrics.Samples(SubscriptionSeries.CircuitState).ToList() ?? [];
        return From(configured, new SubscriptionReadings(
            deliveries.Concat(circuits).Select(Subscription).ToHashSet(StringComparer.Ordinal),
            circuits.GroupBy(Subscription, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Max(sample => sample.Value), StringComparer.Ordinal),
            Rates(previous, last)));
    }

    /// <summary>The rows from readings however they were made.</summary>
    public static IReadOnlyList<SubscriptionStatus> From(IEnumerable<string> configured, SubscriptionReadings readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        return [.. configured.Concat(readings.Seen)
            .Where(name => name.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(name => new SubscriptionStatus(
                name,
                Circuit(readings, name),
                Rate(readings, name, Delivered),
                Rate(readings, name, DeadLettered)))];
    }

    private static string Circuit(SubscriptionReadings readings, string name) =>
        !readings.WorstCircuit.TryGetValue(name, out var state)
            ? "unknown"
            : (CircuitPosition)(int)state switch
            {
                CircuitPosition.Open => "open",
                CircuitPosition.HalfOpen => "half-open",
                _ => "closed",
            };

    private static double? Rate(SubscriptionReadings readings, string name, string outcome) =>
        readings.PerSecond is null ? null : readings.PerSecond.GetValueOrDefault((name, outcome));

    private static Dictionary<(string Subscription, string Outcome), double>? Rates(MetricsPoint? previous, MetricsPoint? last)
    {
        if (previous is null || last is null || last.At <= previous.At)
        {
            return null;
        }

        var seconds = (last.At - previous.At).TotalSeconds;
        var before = Totals(previous);
        return Totals(last).ToDictionary(
            total => total.Key,
            total =>
            {
                var earlier = before.GetValueOrDefault(total.Key);
                // A restarted process counts from zero again: then everything it counted is new.
                return (total.Value >= earlier ? total.Value - earlier : total.Value) / seconds;
            });
    }

    private static Dictionary<(string Subscription, string Outcome), double> Totals(MetricsPoint point) =>
        point.Metrics.Samples(SubscriptionSeries.Deliveries)
            .GroupBy(sample => (Subscription(sample), sample.Labels.GetValueOrDefault("outcome") ?? ""))
            .ToDictionary(group => group.Key, group => group.Sum(sample => sample.Value));

    private static string Subscription(MetricSample sample) => sample.Labels.GetValueOrDefault("subscription") ?? "";
}

using System.Globalization;
using Streams.Ui.History;
using Streams.Ui.Subscriptions;

namespace Streams.Ui.Prometheus;

/// <summary>The PromQL the page asks Prometheus, summed over every pod it scrapes.</summary>
internal static class PrometheusQueries
{
    /// <summary>Worst circuit per subscription: any process with an open breaker makes it open, as the scraper's table says.</summary>
    public static readonly string CircuitStates = $"max by (subscription) ({SubscriptionSeries.CircuitState})";

    /// <summary>
    /// The range <c>rate()</c> looks back over for a page that refreshes every <paramref name="intervalSeconds"/>: four
    /// intervals. <c>rate()</c> needs two samples in its range and a missed scrape must not blank the chart, hence the
    /// usual "at least four scrape intervals" (Grafana's <c>$__rate_interval</c>); the page's interval stands in for
    /// Prometheus's, which the page cannot know, so it should be no shorter than it (the chart's defaults are both 15 s).
    /// Four intervals rather than one also means each point covers the last minute, not just the last interval.
    /// </summary>
    public static string RateWindow(int intervalSeconds) => string.Create(CultureInfo.InvariantCulture, $"{4 * intervalSeconds}s");

    /// <summary>Each hop's p95 of <paramref name="histogram"/> over the last <paramref name="window"/>, its pods' buckets summed.</summary>
    public static string HopP95(string histogram, string window) => string.Create(
        CultureInfo.InvariantCulture,
        $"histogram_quantile({HopHistograms.Quantile}, sum by (hop, le) (rate({histogram}_bucket[{window}])))");

    /// <summary>Events per second by subscription and final outcome over the last <paramref name="window"/>.</summary>
    public static string DeliveryRates(string window) => $"sum by (subscription, outcome) (rate({SubscriptionSeries.Deliveries}[{window}]))";
}

using Streams.Ui.Subscriptions;

namespace Streams.Ui.History;

/// <summary>
/// Where the page's lag charts and subscriptions table come from: its own scrapes (<see cref="ScrapedMetricsSource"/>)
/// or the Prometheus that scrapes every pod (<see cref="Prometheus.PrometheusMetricsSource"/>). Failures to read go
/// into the answers' errors; neither method throws for them.
/// </summary>
internal interface IMetricsSource
{
    Task<LagReport> LagAsync(CancellationToken cancellationToken);

    /// <param name="configured">The subscriptions configured here, listed even when no process reports them.</param>
    /// <param name="cancellationToken">The request's.</param>
    Task<SubscriptionTable> SubscriptionsAsync(IEnumerable<string> configured, CancellationToken cancellationToken);
}

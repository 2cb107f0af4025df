using Microsoft.Extensions.Options;
using Streams.Ui.Subscriptions;

namespace Streams.Ui.History;

/// <summary>The page's metrics from <see cref="MetricsScraper"/>'s history in memory.</summary>
internal sealed class ScrapedMetricsSource(MetricsHistory history, IOptions<UiOptions> options) : IMetricsSource
{
    public Task<LagReport> LagAsync(CancellationToken cancellationToken) =>
        Task.FromResult(LagReport.From(history.Points, options.Value.ScrapeIntervalSeconds, history.Failures));

    public Task<SubscriptionTable> SubscriptionsAsync(IEnumerable<string> configured, CancellationToken cancellationToken) =>
        Task.FromResult(new SubscriptionTable(SubscriptionReport.From(configured, history.Points), history.Failures));
}

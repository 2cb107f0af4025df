using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prometheus;
using Streams.Telemetry.Scraping;
using Streams.Ui.Subscriptions;

namespace Streams.Ui.History;

/// <summary>
/// Scrapes the configured <c>/metrics</c> every interval into <see cref="MetricsHistory"/>; with none configured, this
/// process's own registry (what its <c>/metrics</c> serves, read without a request). Idle when the page reads
/// Prometheus instead (<see cref="UiOptions.PrometheusUrl"/>).
/// </summary>
internal sealed partial class MetricsScraper(
    MetricsHistory history,
    CollectorRegistry registry,
    IHttpClientFactory clients,
    IOptions<UiOptions> options,
    TimeProvider clock,
    ILogger<MetricsScraper> logger) : BackgroundService
{
    /// <summary>The counters and gauges the page reads besides the hop histograms.</summary>
    public static readonly IReadOnlySet<string> KeptSeries = new HashSet<string>(StringComparer.Ordinal)
    {
        SubscriptionSeries.Deliveries,
        SubscriptionSeries.CircuitState,
    };

    private const string OwnMetrics = "(this process)";

    public async Task ScrapeAsync(CancellationToken cancellationToken)
    {
        var metrics = new ScrapedMetrics(KeptSeries);
        var urls = options.Value.MetricsUrls;
        if (urls.Count == 0)
        {
            using var exposition = new MemoryStream();
            await registry.CollectAndExportAsTextAsync(exposition, cancellationToken).ConfigureAwait(false);
            metrics.Add(PrometheusText.Parse(Encoding.UTF8.GetString(exposition.ToArray())));
            history.Failed(OwnMetrics, null);
        }

        var http = clients.CreateClient(nameof(MetricsScraper));
        foreach (var url in urls)
        {
            try
            {
                metrics.Add(PrometheusText.Parse(await http.GetStringAsync(new Uri(url), cancellationToken).ConfigureAwait(false)));
                history.Failed(url, null);
            }
            catch (Exception exception) when (exception is HttpRequestException or FormatException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A point missing one service would read as that service's counters starting again; skip it whole.
                history.Failed(url, exception.Message);
                LogScrapeFailed(url, exception.Message);
                return;
            }
        }

        history.Add(new MetricsPoint(clock.GetUtcNow(), metrics));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.PrometheusUrl.Length > 0)
        {
            return;
        }

        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ScrapeIntervalSeconds), clock);
        try
        {
            do
            {
                await ScrapeAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await ticks.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SRE page could not scrape {Url}: {Reason}")]
    private partial void LogScrapeFailed(string url, string reason);
}

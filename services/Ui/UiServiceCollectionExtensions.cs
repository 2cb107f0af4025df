using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streams.Delivery;
using Streams.Ui.Assets;
using Streams.Ui.DeadLetters;
using Streams.Ui.History;
using Streams.Ui.Loss;
using Streams.Ui.Prometheus;
using Streams.Ui.Search;

namespace Streams.Ui;

/// <summary>Wires the <c>ui</c> role's services; <see cref="UiEndpointRouteBuilderExtensions"/> maps its page and API.</summary>
public static class UiServiceCollectionExtensions
{
    private static readonly TimeSpan UpstreamTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Registers the page's options, where its metrics come from (the history and its scraper, or Prometheus), the loss
    /// source and the dead-letter reader.
    /// </summary>
    /// <param name="services">The service collection; needs <c>AddStreamsKafka</c> and <c>AddStreamsTelemetry</c>.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddUi(this IServiceCollection services)
    {
        services.AddOptions<UiOptions>().BindConfiguration(UiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UiOptions>, UiOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        // The subscriptions the page lists and may redrive are the configured ones, as for the operator commands.
        services.AddStreamsDelivery();
        services.AddHttpClient(nameof(MetricsScraper), http => http.Timeout = UpstreamTimeout);
        services.AddHttpClient(nameof(PrometheusClient), http => http.Timeout = UpstreamTimeout);
        services.AddHttpClient(nameof(LossSource), http => http.Timeout = UpstreamTimeout);
        services.AddHttpClient(nameof(ReceiptProxy), http => http.Timeout = UpstreamTimeout);
        services.AddSingleton<ReceiptProxy>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<UiOptions>>().Value;
            // n intervals need n + 1 scrapes.
            return new MetricsHistory((int)options.HistoryPoints());
        });
        services.AddHostedService<MetricsScraper>();
        services.AddSingleton<ScrapedMetricsSource>();
        services.AddSingleton<PrometheusClient>();
        services.AddSingleton<PrometheusMetricsSource>();
        services.AddSingleton<IMetricsSource>(provider => provider.GetRequiredService<IOptions<UiOptions>>().Value.PrometheusUrl.Length > 0
            ? provider.GetRequiredService<PrometheusMetricsSource>()
            : provider.GetRequiredService<ScrapedMetricsSource>());
        services.AddSingleton<LossSource>();
        services.AddSingleton<DeadLetterTopic>();
        services.AddSingleton<OperatorKeys>();
        services.AddSingleton<UiAssets>();
        services.AddProblemDetails();
        return services;
    }
}

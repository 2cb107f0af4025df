using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Egress.Delivery;
using Streams.Egress.Retries;
using Streams.Envelope;
using Streams.Kafka;
using Streams.Kafka.Topics;

namespace Streams.Egress;

/// <summary>Wires the egress role.</summary>
public static class EgressServiceCollectionExtensions
{
    /// <summary>Registers egress's options, webhook client, failure writer and worker.</summary>
    public static IServiceCollection AddEgress(this IServiceCollection services)
    {
        services.AddEgressDelivery();
        services.AddStreamsEnvelope();
        services.AddRequiredTopics("egress", topics => [topics.Normalised, .. topics.RetryTopics(), topics.DeadLetters, topics.Audit]);
        services.AddHostedService<EgressWorker>();
        return services;
    }

    /// <summary>
    /// Registers what delivering to subscriptions needs without the egress consumer: the subscriptions, the
    /// webhook client and the retry/dead-letter writer. The retrier uses it too; calling it twice is harmless.
    /// </summary>
    public static IServiceCollection AddEgressDelivery(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(FailedBatchWriter)))
        {
            return services;
        }

        services.AddOptions<EgressOptions>().BindConfiguration(EgressOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EgressOptions>, EgressOptionsValidator>();
        services.AddSingleton<IValidateOptions<KafkaOptions>, RetryTiersValidator>();
        services.AddSingleton(provider => new WebhookClient(CreateHttpClient(provider.GetRequiredService<IOptions<EgressOptions>>().Value), TimeProvider.System));
        services.AddSingleton<FailedBatchWriter>();
        return services;
    }

    private static HttpClient CreateHttpClient(EgressOptions options) =>
        new(new SocketsHttpHandler
        {
            // Keep-alive connections, recycled now and then so DNS changes are picked up; one per request
            // in flight is enough, since requests on a connection are not pipelined.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = options.MaxInFlight,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
        })
        {
            // Each request carries its subscription's own time-out.
            Timeout = Timeout.InfiniteTimeSpan,
        };
}

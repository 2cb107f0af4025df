using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Streams.Delivery.Retries;
using Streams.Kafka;

namespace Streams.Delivery;

/// <summary>Wires what every role that delivers to subscriptions shares.</summary>
public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers the subscriptions, the webhook client, the process's <see cref="SubscriptionEndpoints"/> and the
    /// retry/dead-letter writer. Egress and the retrier both call it; calling it twice is harmless.
    /// </summary>
    public static IServiceCollection AddStreamsDelivery(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(SubscriptionEndpoints)))
        {
            return services;
        }

        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddSingleton<IValidateOptions<KafkaOptions>, RetryTiersValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new WebhookClient(CreateHttpClient(provider.GetRequiredService<IOptions<DeliveryOptions>>().Value), TimeProvider.System));
        services.AddSingleton<SubscriptionEndpoints>();
        services.AddSingleton<FailedBatchWriter>();
        services.AddSingleton<SubscriptionReceipts>();
        return services;
    }

    private static HttpClient CreateHttpClient(DeliveryOptions options) =>
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

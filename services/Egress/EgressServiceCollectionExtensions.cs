using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Egress.Delivery;

namespace Streams.Egress;

/// <summary>Wires the egress role.</summary>
public static class EgressServiceCollectionExtensions
{
    /// <summary>Registers egress's options, webhook client, handler and worker.</summary>
    public static IServiceCollection AddEgress(this IServiceCollection services)
    {
        services.AddOptions<EgressOptions>().BindConfiguration(EgressOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EgressOptions>, EgressOptionsValidator>();
        services.AddSingleton(_ => new WebhookClient(CreateHttpClient(), TimeProvider.System));
        services.AddSingleton<DeadLetterWriter>();
        services.AddSingleton<EgressBatchHandler>();
        services.AddHostedService<EgressWorker>();
        return services;
    }

    private static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler
        {
            // Keep-alive connections, recycled now and then so DNS changes are picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            MaxConnectionsPerServer = 64,
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
        })
        {
            // Each request carries its subscription's own time-out.
            Timeout = Timeout.InfiniteTimeSpan,
        };
}

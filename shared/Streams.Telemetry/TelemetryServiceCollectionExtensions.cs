using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace Streams.Telemetry;

/// <summary>Registers Streams telemetry in a service collection.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers a prometheus-net <see cref="CollectorRegistry"/> of this container's own, holding the .NET runtime's
    /// and the process's metrics, and <see cref="StreamsMetrics"/> creating its metrics in it, both as singletons.
    /// </summary>
    /// <remarks>
    /// One registry per container rather than prometheus-net's static <see cref="Metrics.DefaultRegistry"/>, so that
    /// hosts sharing a process (the tests run several) never expose each other's series.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddStreamsTelemetry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(static _ =>
        {
            var registry = Metrics.NewCustomRegistry();

            // The default registry gets these by itself; a custom one has to ask.
            DotNetStats.Register(registry);
            return registry;
        });
        services.TryAddSingleton<StreamsMetrics>();
        return services;
    }
}

using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Streams.Telemetry;

/// <summary>Registers Streams telemetry in a service collection.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StreamsMetrics"/> and a <see cref="MetricsCollector"/> listening to the Streams meter,
    /// the runtime's meter and any <paramref name="additionalMeterNames"/>, both as singletons.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="additionalMeterNames">
    /// More meters to expose, e.g. <c>Microsoft.AspNetCore.Hosting</c> for HTTP server request durations.
    /// </param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddStreamsTelemetry(this IServiceCollection services, params string[] additionalMeterNames)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMetrics();
        services.TryAddSingleton(provider => new MetricsCollector(
            [StreamsMetrics.MeterName, MetricsCollector.RuntimeMeterName, .. additionalMeterNames],
            provider.GetRequiredService<IMeterFactory>()));
        services.TryAddSingleton(provider =>
        {
            // Measurements recorded while no listener is attached are lost, so the collector must be listening
            // before anyone can record: resolving it first guarantees that for every user of StreamsMetrics.
            _ = provider.GetRequiredService<MetricsCollector>();
            return new StreamsMetrics(provider.GetRequiredService<IMeterFactory>());
        });
        return services;
    }
}

using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Streams.Telemetry;

/// <summary>Maps the Prometheus scrape endpoint.</summary>
public static class TelemetryEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Serves <paramref name="pattern"/> with prometheus-net's exporter, in the Prometheus text format 0.0.4, from the
    /// container's <see cref="CollectorRegistry"/>. Requires <see cref="TelemetryServiceCollectionExtensions.AddStreamsTelemetry"/>.
    /// </summary>
    /// <remarks>
    /// OpenMetrics is turned off although Prometheus asks for it first: prometheus-net spells numbers differently
    /// there (bucket bound <c>le="1.0"</c> instead of <c>le="1"</c>), so a switch would split every histogram
    /// bucket series that Prometheus already stores, and <c>sum by (le)</c> in the dashboards and alerts would count
    /// the old and new spelling as different buckets.
    /// </remarks>
    /// <param name="endpoints">The endpoint route builder, usually the <c>WebApplication</c>.</param>
    /// <param name="pattern">The route, <c>/metrics</c> by default.</param>
    /// <returns>A builder to further configure the endpoint, e.g. to restrict who may scrape.</returns>
    public static IEndpointConventionBuilder MapPrometheusMetrics(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registry = endpoints.ServiceProvider.GetRequiredService<CollectorRegistry>();
        return endpoints.MapMetrics(
            settings =>
            {
                settings.Registry = registry;
                settings.EnableOpenMetrics = false;
            },
            pattern);
    }
}

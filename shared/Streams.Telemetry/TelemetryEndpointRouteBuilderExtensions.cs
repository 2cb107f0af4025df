using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Streams.Telemetry;

/// <summary>Maps the Prometheus scrape endpoint.</summary>
public static class TelemetryEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Answers GET <paramref name="pattern"/> with everything the registered <see cref="MetricsCollector"/>
    /// holds, in the Prometheus text format 0.0.4. Requires <see cref="TelemetryServiceCollectionExtensions.AddStreamsTelemetry"/>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder, usually the <c>WebApplication</c>.</param>
    /// <param name="pattern">The route, <c>/metrics</c> by default.</param>
    /// <returns>A builder to further configure the endpoint, e.g. to restrict who may scrape.</returns>
    public static IEndpointConventionBuilder MapPrometheusMetrics(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern = "/metrics")
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Resolved now rather than per request so that the collector listens from startup on.
        var collector = endpoints.ServiceProvider.GetRequiredService<MetricsCollector>();
        return endpoints.MapGet(pattern, context =>
        {
            var exposition = PrometheusTextWriter.ToText(collector.Collect());
            context.Response.ContentType = PrometheusTextWriter.ContentType;
            return context.Response.WriteAsync(exposition, context.RequestAborted);
        });
    }
}

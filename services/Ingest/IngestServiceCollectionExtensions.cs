using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Streams.Ingest;

/// <summary>Wires the ingest role.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>Registers ingest's options and endpoint.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddSingleton<IngestEndpoint>();
        services.AddProblemDetails();
        return services;
    }

    /// <summary>Maps <c>POST /v1/events</c>.</summary>
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/events", (HttpRequest request, IngestEndpoint ingest, CancellationToken cancellationToken) =>
            ingest.HandleAsync(request, cancellationToken));
        return endpoints;
    }
}

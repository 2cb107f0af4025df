using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Envelope;
using Streams.Ingest.Security;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.Ingest;

/// <summary>Wires the ingest role.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>Registers ingest's options, security and endpoint.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<SenderRateLimiter>();
        services.AddStreamsEnvelope();
        services.AddSingleton<IngestEndpoint>();
        services.AddHostedService<ProducerWarmup>();
        services.AddProblemDetails();
        return services;
    }

    /// <summary>Maps <c>POST /v1/events</c> and <c>GET /readyz</c>.</summary>
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/events", async (HttpRequest request, IngestEndpoint ingest, StreamsMetrics metrics, CancellationToken cancellationToken) =>
        {
            var result = await ingest.HandleAsync(request, cancellationToken);
            metrics.CountIngestRequest((result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
            return result;
        });
        endpoints.MapGet("/readyz", (ProducerHealth health) =>
            health.KafkaReachable && health.FatalError is null
                ? Results.Ok(new { status = "ready", queued = health.QueueDepth })
                : Results.Problem(
                    title: "Not ready",
                    detail: health.FatalError is { } fatal ? $"The producer failed: {fatal}" : "Kafka is not reachable.",
                    statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }
}

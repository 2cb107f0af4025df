using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Envelope;
using Streams.Hosting;
using Streams.Ingest.Security;
using Streams.Kafka.Topics;
using Streams.Receipts;
using Streams.Telemetry;

namespace Streams.Ingest;

/// <summary>Wires the ingest role.</summary>
public static class IngestServiceCollectionExtensions
{
    /// <summary>Registers ingest's options, security and endpoint.</summary>
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddSenderKeys();
        services.AddSingleton<SenderRateLimiter>();
        services.AddStreamsEnvelope();
        services.AddSingleton<IngestEndpoint>();
        services.AddStreamsReceipts();
        services.AddRequiredTopics("ingest", topics => [topics.Ingested, topics.Audit]);
        services.AddHostedService<ProducerWarmup>();
        services.AddHealthChecks().AddCheck<ProducerHealthCheck>("kafka", tags: [ReadinessTags.Ready]);
        services.AddProblemDetails();
        return services;
    }

    /// <summary>
    /// Ingest's options and the senders' keys, which the receipts role checks too; registered once when both roles run.
    /// </summary>
    internal static IServiceCollection AddSenderKeys(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(ApiKeyAuthenticator)))
        {
            return services;
        }

        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddSingleton<ApiKeyAuthenticator>();
        return services;
    }

    /// <summary>Maps <c>POST /v1/events</c>.</summary>
    public static IEndpointRouteBuilder MapIngest(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/v1/events", async (HttpRequest request, IngestEndpoint ingest, StreamsMetrics metrics, CancellationToken cancellationToken) =>
        {
            var result = await ingest.HandleAsync(request, cancellationToken);
            metrics.CountIngestRequest((result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK);
            return result;
        });
        return endpoints;
    }
}

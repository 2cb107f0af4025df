using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Streams.Receipts;

namespace Streams.Ingest.Receipts;

/// <summary>
/// Wires the receipts role: the index of the receipts topic and <c>GET /v1/events/{source}/{id}</c>. A role of its own
/// rather than part of ingest, so ingest's replicas only write receipts: every index reads every hop's receipts, which
/// cost ingest 11–13 % of its throughput when it ran there (docs/benchmarks.md), and more ingest replicas would each read
/// all of them again.
/// </summary>
public static class ReceiptLookupServiceCollectionExtensions
{
    /// <summary>Registers the index, the lookup and the senders' keys it checks.</summary>
    public static IServiceCollection AddReceiptLookup(this IServiceCollection services)
    {
        services.AddSenderKeys();
        services.AddReceiptIndex();
        services.AddSingleton<ReceiptLookupEndpoint>();
        services.AddProblemDetails();
        return services;
    }

    /// <summary>Maps <c>GET /v1/events/{source}/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapReceiptLookup(this IEndpointRouteBuilder endpoints)
    {
        // A catch-all, so a source sent with a bare '/' gets an answer saying to encode it rather than a routing 404.
        endpoints.MapGet(ReceiptLookupEndpoint.Prefix + "{**event}", (HttpContext context, ReceiptLookupEndpoint lookup) => lookup.Handle(context));
        return endpoints;
    }
}

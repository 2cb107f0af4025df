using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Streams.Delivery;
using Streams.Operations;
using Streams.Ui.Assets;
using Streams.Ui.DeadLetters;
using Streams.Ui.History;
using Streams.Ui.Loss;
using Streams.Ui.Search;

namespace Streams.Ui;

/// <summary>The <c>ui</c> role's endpoints: the SRE page at <c>/ui/</c> and the JSON it reads under <c>/ui/api/</c>.</summary>
public static class UiEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>/ui/</c>, its files and <c>/ui/api/*</c>.</summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <returns>The same builder.</returns>
    public static IEndpointRouteBuilder MapUi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/ui/api");
        api.MapGet("/config", (IOptions<UiOptions> options) => Results.Ok(new
        {
            receiptsUrl = options.Value.ReceiptsUrl,
            refreshSeconds = options.Value.ScrapeIntervalSeconds,
            // The page words its hints for where the metrics come from; the address itself stays on the server.
            metricsFrom = options.Value.PrometheusUrl.Length > 0 ? "prometheus" : "scrapes",
            operatorKeyRequired = options.Value.RequireApiKey,
            requestedByHeader = RedriveEndpoint.RequestedByHeader,
        }));
        api.MapGet("/lag", (IMetricsSource metrics, CancellationToken cancellationToken) => metrics.LagAsync(cancellationToken));
        api.MapGet("/subscriptions", (IMetricsSource metrics, SubscriptionEndpoints subscriptions, CancellationToken cancellationToken) =>
            metrics.SubscriptionsAsync(subscriptions.All.Select(endpoint => endpoint.Name), cancellationToken));
        api.MapGet("/loss", (LossSource loss, CancellationToken cancellationToken) => loss.LastHourAsync(cancellationToken));
        api.MapGet("/deadletters", async (DeadLetterTopic deadLetters, CancellationToken cancellationToken) =>
        {
            try
            {
                return Results.Ok(new { rows = await deadLetters.SummaryAsync(cancellationToken).ConfigureAwait(false), redriveTopic = deadLetters.RedriveTopic });
            }
            catch (Exception exception) when (exception is OperatorException or KafkaException)
            {
                return Results.Problem(title: "Dead letters unreadable", detail: exception.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        api.MapPost("/deadletters/redrive", RedriveEndpoint.HandleAsync);
        api.MapGet("/events/{**rest}", (ReceiptProxy proxy, HttpContext context) => proxy.HandleAsync(context));

        endpoints.MapGet("/ui/{**path}", (string? path, UiAssets assets, HttpContext context) =>
        {
            // The page's links are relative to /ui/; routing matches /ui here too.
            if (string.IsNullOrEmpty(path) && !context.Request.Path.Value!.EndsWith('/'))
            {
                return Results.Redirect("/ui/");
            }

            if (!assets.TryGet(string.IsNullOrEmpty(path) ? "index.html" : path, out var file))
            {
                return Results.NotFound();
            }

            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(file.Content, file.ContentType);
        });
        return endpoints;
    }

    /// <summary>The page loads only its own files and talks only to this process (the search included, through <see cref="ReceiptProxy"/>).</summary>
    private const string ContentSecurityPolicy = "default-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'none'";
}

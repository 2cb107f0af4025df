using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Streams.Ui.Search;

/// <summary>
/// <c>GET /ui/api/events/{source}/{id}</c>: the page's event search when the receipts role runs in another process.
/// Passed on to its <c>GET /v1/events/{source}/{id}</c> with the caller's key, so the browser talks only to its own
/// origin (the receipts role need not allow other origins) and that role alone decides who may read which source.
/// </summary>
public sealed class ReceiptProxy(IHttpClientFactory clients, IOptions<UiOptions> options)
{
    /// <summary>The route's prefix; the rest of the raw path is passed on as it came, still percent-encoded.</summary>
    public const string Prefix = "/ui/api/events/";

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var receipts = options.Value.ReceiptsUrl;
        if (receipts.Length == 0)
        {
            // The receipts role runs in this process and answers /v1/events here; the page asks it directly.
            await Results.Problem(title: "Not found", detail: "The receipts role runs in this process: ask /v1/events.", statusCode: StatusCodes.Status404NotFound)
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // Routing decodes %2F in the path; the raw target keeps a source such as "/shop" one segment.
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var rest = raw.StartsWith(Prefix, StringComparison.Ordinal) ? raw[Prefix.Length..] : "";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(receipts.TrimEnd('/') + "/"), "v1/events/" + rest));
        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var authorization))
        {
            request.Headers.Authorization = authorization;
        }

        try
        {
            using var answer = await clients.CreateClient(nameof(ReceiptProxy)).SendAsync(request, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = (int)answer.StatusCode;
            context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
            await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            await Unreachable(receipts, exception.Message).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (TaskCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            await Unreachable(receipts, "no answer in time").ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    private static IResult Unreachable(string receipts, string why) =>
        Results.Problem(title: "Receipts unreachable", detail: $"{receipts}: {why}", statusCode: StatusCodes.Status502BadGateway);
}

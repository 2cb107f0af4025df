using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Streams.Ingest.Security;
using Streams.Kafka;
using Streams.Receipts;

namespace Streams.Ingest.Receipts;

/// <summary>
/// <c>GET /v1/events/{source}/{id}</c>: what became of one event, from the receipt index. Authorised like
/// <c>POST /v1/events</c>: the sender's API key, which must be allowed to send the event's source.
/// </summary>
public sealed class ReceiptLookupEndpoint(
    ApiKeyAuthenticator authenticator,
    ReceiptIndex index,
    IOptions<ReceiptOptions> receipts,
    IOptions<KafkaOptions> kafka)
{
    /// <summary>The route prefix; the rest of the path is the two URL-encoded segments.</summary>
    public const string Prefix = "/v1/events/";

    /// <summary>Answers one lookup.</summary>
    public IResult Handle(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (authenticator.Authenticate(context.Request) is not { } sender)
        {
            return IngestProblems.Unauthenticated();
        }

        if (EventPath(context) is not var (source, id))
        {
            return Results.Problem(
                title: "Bad event path",
                detail: "Use /v1/events/{source}/{id} with each part URL-encoded (a '/' in the source as %2F).",
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (!sender.MaySend(source))
        {
            return Results.Problem(
                title: "Source not allowed",
                detail: $"The key '{sender.Name}' may not read events of source '{source}'.",
                statusCode: StatusCodes.Status403Forbidden);
        }

        if (!receipts.Value.Enabled)
        {
            return NotFound("Receipts are off (Streams:Receipts:Enabled=false).", catchingUp: false);
        }

        var lookup = index.Find(source, id);
        if (lookup.Found)
        {
            return Results.Json(EventReceiptView.From(source, id, lookup, kafka.Value.Topics));
        }

        return !lookup.Started
            ? NotFound("Not found; the receipt index has not started reading yet.", catchingUp: true)
            : lookup.Behind > 0
                ? NotFound($"Not found; the receipt index is {lookup.Behind} records behind in this event's partition.", catchingUp: true)
                : NotFound($"No receipt for event '{id}' of source '{source}'.", catchingUp: false);
    }

    /// <summary>
    /// The source and id from the request target as the client sent it: the decoded path leaves <c>%2F</c> encoded but
    /// decodes everything else, so decoding it again would misread a source with <c>%25</c> in it.
    /// </summary>
    private static (string Source, string Id)? EventPath(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? target : target[..query];
        var start = path.IndexOf(Prefix, StringComparison.Ordinal);
        var parts = start < 0 ? [] : path[(start + Prefix.Length)..].Split('/');
        return parts is [{ Length: > 0 } source, { Length: > 0 } id]
            ? (Uri.UnescapeDataString(source), Uri.UnescapeDataString(id))
            : null;
    }

    private static IResult NotFound(string detail, bool catchingUp) =>
        Results.Problem(
            title: "No receipt",
            detail: detail,
            statusCode: StatusCodes.Status404NotFound,
            extensions: new Dictionary<string, object?> { ["catchingUp"] = catchingUp });
}

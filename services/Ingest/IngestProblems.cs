using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Streams.Envelope;

namespace Streams.Ingest;

/// <summary>Ingest's error answers, as RFC 7807 problem details.</summary>
public static class IngestProblems
{
    /// <summary>400: the batch was not written; each problem names the event index and attribute.</summary>
    public static IResult InvalidEvents(IReadOnlyList<EventProblem> problems) =>
        WithErrors(StatusCodes.Status400BadRequest, "Invalid events", $"{problems.Count} problem(s) found; nothing was written.", problems);

    /// <summary>401: no key, or an unknown one.</summary>
    public static IResult Unauthenticated() =>
        new WithHeaderResult(
            Results.Problem(
                title: "API key required",
                detail: "Send a valid API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.",
                statusCode: StatusCodes.Status401Unauthorized),
            HeaderNames.WWWAuthenticate,
            "Bearer");

    /// <summary>403: the key may not send events with these sources.</summary>
    public static IResult Forbidden(IReadOnlyList<EventProblem> problems) =>
        WithErrors(StatusCodes.Status403Forbidden, "Source not allowed", "The API key may not send events with these sources; nothing was written.", problems);

    /// <summary>413: a size limit was exceeded.</summary>
    public static IResult TooLarge(string detail) =>
        Results.Problem(title: "Request too large", detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>415: the body's media type is not one ingest reads.</summary>
    public static IResult UnsupportedMediaType(string? contentType) =>
        Results.Problem(
            title: "Unsupported media type",
            detail: $"Content-Type '{contentType}' is not accepted; use one of {string.Join(", ", IngestMediaTypes.Accepted)} (UTF-8).",
            statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>429 with Retry-After: the key's rate limit is spent.</summary>
    public static IResult RateLimited(string sender, TimeSpan retryAfter) =>
        new WithHeaderResult(
            Results.Problem(
                title: "Rate limit exceeded",
                detail: $"The request rate limit of '{sender}' is spent; retry after the time in Retry-After.",
                statusCode: StatusCodes.Status429TooManyRequests),
            HeaderNames.RetryAfter,
            Seconds(retryAfter));

    /// <summary>503 with Retry-After: Kafka did not take or acknowledge the events.</summary>
    public static IResult Unavailable(string detail, TimeSpan retryAfter) =>
        new WithHeaderResult(
            Results.Problem(title: "Service unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable),
            HeaderNames.RetryAfter,
            Seconds(retryAfter));

    private static IResult WithErrors(int status, string title, string detail, IReadOnlyList<EventProblem> problems) =>
        Results.Problem(
            title: title,
            detail: detail,
            statusCode: status,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => new { index = p.Index, field = p.Field, detail = p.Detail }).ToArray(),
            });

    private static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

using Microsoft.AspNetCore.Http;
using Streams.Ingest.CloudEvents;

namespace Streams.Ingest;

/// <summary>Ingest's error answers, as RFC 7807 problem details.</summary>
public static class IngestProblems
{
    /// <summary>400: the batch was not written; each problem names the event index and attribute.</summary>
    public static IResult InvalidEvents(IReadOnlyList<EventProblem> problems) =>
        Results.Problem(
            title: "Invalid events",
            detail: $"{problems.Count} problem(s) found; nothing was written.",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = problems.Select(p => new { index = p.Index, field = p.Field, detail = p.Detail }).ToArray(),
            });

    /// <summary>413: a size limit was exceeded.</summary>
    public static IResult TooLarge(string detail) =>
        Results.Problem(title: "Request too large", detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>415: the body's media type is not one ingest reads.</summary>
    public static IResult UnsupportedMediaType(string? contentType) =>
        Results.Problem(
            title: "Unsupported media type",
            detail: $"Content-Type '{contentType}' is not accepted; use one of {string.Join(", ", IngestMediaTypes.Accepted)} (UTF-8).",
            statusCode: StatusCodes.Status415UnsupportedMediaType);

    /// <summary>503 with Retry-After: Kafka did not take or acknowledge the events.</summary>
    public static IResult Unavailable(string detail, string retryAfterSeconds) =>
        new RetryAfterResult(
            Results.Problem(title: "Service unavailable", detail: detail, statusCode: StatusCodes.Status503ServiceUnavailable),
            retryAfterSeconds);
}

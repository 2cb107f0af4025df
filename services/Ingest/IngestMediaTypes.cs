using Microsoft.Net.Http.Headers;

namespace Streams.Ingest;

/// <summary>Maps a request's Content-Type to what ingest does with its body.</summary>
public static class IngestMediaTypes
{
    /// <summary>The accepted media types, as listed in a 415 answer.</summary>
    public static readonly IReadOnlyList<string> Accepted =
        ["application/cloudevents-batch+json", "application/json", "application/cloudevents+json"];

    /// <summary>The body shape for a Content-Type; null when it is not accepted.</summary>
    public static IngestMediaType? Classify(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            || (parsed.Charset.HasValue && !parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return parsed.MediaType.Value?.ToLowerInvariant() switch
        {
            "application/cloudevents-batch+json" or "application/json" => IngestMediaType.Batch,
            "application/cloudevents+json" => IngestMediaType.SingleEvent,
            _ => null,
        };
    }
}

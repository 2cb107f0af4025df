namespace Streams.Ingest;

/// <summary>The <c>Streams:Ingest</c> section.</summary>
public sealed class IngestOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Ingest";

    /// <summary>Where ingest listens.</summary>
    public string Url { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Largest request body accepted.</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most events in one request.</summary>
    public int MaxEventsPerRequest { get; set; } = 1000;

    /// <summary>Largest single event, as JSON.</summary>
    public int MaxEventBytes { get; set; } = 256 * 1024;

    /// <summary>Deepest JSON nesting accepted inside an event.</summary>
    public int MaxDepth { get; set; } = 32;

    /// <summary>When false, requests need no API key (local use only); when true, at least one key must be configured.</summary>
    public bool RequireApiKey { get; set; } = true;

    /// <summary>The senders' keys.</summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>How long a request waits for Kafka to acknowledge its events before answering 503.</summary>
    public int AckTimeoutMs { get; set; } = 10_000;
}

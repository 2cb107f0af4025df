namespace Streams.Host;

/// <summary>The <c>Streams:Host</c> section.</summary>
internal sealed class StreamsHostOptions
{
    public const string SectionName = "Streams:Host";

    /// <summary>Where health and metrics are served when the process runs no ingest (which has its own URL).</summary>
    public string Url { get; set; } = "http://127.0.0.1:0";
}

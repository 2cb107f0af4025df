namespace Streams.Ingest;

/// <summary>One sender's key: <c>Streams:Ingest:ApiKeys:N</c>. Only the key's SHA-256 is configured, never the key.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Who the key belongs to; used in logs, metrics and rate limits instead of the key.</summary>
    public string Name { get; set; } = "";

    /// <summary>Hex SHA-256 of the key (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";

    /// <summary>The <c>source</c> prefixes the key may send; <c>*</c> allows any source.</summary>
    public List<string> Sources { get; set; } = [];

    /// <summary>Most requests per second for this key; 0 means no limit.</summary>
    public int RateLimitPerSecond { get; set; }
}

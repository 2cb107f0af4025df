namespace Streams.Ingest.Security;

/// <summary>Who sent a request: the API key's name and what it may send.</summary>
/// <param name="Name">The key's configured name (never the key).</param>
/// <param name="SourcePrefixes">Allowed <c>source</c> prefixes; <c>*</c> allows any.</param>
/// <param name="RateLimitPerSecond">Requests per second allowed; 0 for no limit.</param>
public sealed record Sender(string Name, IReadOnlyList<string> SourcePrefixes, int RateLimitPerSecond)
{
    /// <summary>The sender when keys are not required (local use).</summary>
    public static readonly Sender Anonymous = new("anonymous", ["*"], 0);

    /// <summary>True when this sender may send events with this <c>source</c>.</summary>
    public bool MaySend(string source) =>
        SourcePrefixes.Any(prefix => prefix == "*" || source.StartsWith(prefix, StringComparison.Ordinal));
}

namespace Streams.Normaliser;

/// <summary>The <c>Streams:Normaliser:Dedup</c> section.</summary>
public sealed class DeduplicationOptions
{
    /// <summary>How long a normalised (<c>source</c>, <c>id</c>) suppresses a later event with the same pair.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most ids kept per input partition; past it the oldest are evicted early (and counted), which bounds
    /// memory at roughly this many ids times the bytes per id measured in docs/benchmarks.md (Normaliser).
    /// </summary>
    public int MaxIdsPerPartition { get; set; } = 200_000;
}

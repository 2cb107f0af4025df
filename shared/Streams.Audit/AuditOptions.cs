namespace Streams.Audit;

/// <summary>How a process ships its audit counts: the <c>Streams:Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Audit";

    /// <summary>
    /// How often the counts go to the audit topic. A crash loses at most this much of the process's audit data (plus
    /// a flush still awaiting its acknowledgement), which the Auditor then shows as a loss at that hop.
    /// </summary>
    public int FlushIntervalMs { get; set; } = 5_000;

    /// <summary>How long a flush waits for Kafka's acknowledgement before it keeps the counts for the next flush.</summary>
    public int FlushTimeoutMs { get; set; } = 30_000;
}

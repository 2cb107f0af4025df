namespace Streams.Auditor;

/// <summary>The loss auditor's settings: the <c>Streams:Auditor</c> configuration section.</summary>
public sealed class AuditorOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Auditor";

    /// <summary>The pseudo-hop name under which end-to-end loss is reported.</summary>
    public const string EndToEnd = "e2e";

    /// <summary>The pipeline's hops in order, used when <see cref="Hops"/> is not configured.</summary>
    public static IReadOnlyList<string> DefaultHops { get; } = ["ingest", "normaliser", "egress"];

    /// <summary>The branch hops used when <see cref="BranchHops"/> is not configured.</summary>
    public static IReadOnlyList<string> DefaultBranchHops { get; } = ["retrier"];

    /// <summary>
    /// Prefix of the auditor's consumer group; each auditor process adds a suffix of its own, because every auditor
    /// must read every partition of the audit topic (replicas are copies, not shards) from the start.
    /// </summary>
    public string GroupId { get; set; } = "streams-auditor";

    /// <summary>How long after an event-time minute ends the auditor waits for late events and reports before judging it.</summary>
    public int GracePeriodSeconds { get; set; } = 300;

    /// <summary>Loss above this percentage of a minute's accepted events raises the alert (logged at Error).</summary>
    public double LossThresholdPercent { get; set; } = 1.0;

    /// <summary>How often due minutes are evaluated and the loss gauges refreshed.</summary>
    public int EvaluateIntervalMs { get; set; } = 1_000;

    /// <summary>The event-time minutes, back from the newest evaluated one, that <c>streams_loss_ratio</c> sums over.</summary>
    public int RatioWindowMinutes { get; set; } = 15;

    /// <summary>How long minutes are kept for <c>GET /v1/loss</c>.</summary>
    public int RetentionMinutes { get; set; } = 1_440;

    /// <summary>The widest <c>from</c>..<c>to</c> range one loss query may ask for.</summary>
    public int MaxQueryMinutes { get; set; } = 1_440;

    /// <summary>The hops in pipeline order, as their audit reports name them; empty means <see cref="DefaultHops"/>.</summary>
    public List<string> Hops { get; set; } = [];

    /// <summary>The hops in force.</summary>
    public IReadOnlyList<string> EffectiveHops => Hops.Count > 0 ? Hops : DefaultHops;

    /// <summary>
    /// Hops off the main line, as their audit reports name them; empty means <see cref="DefaultBranchHops"/>. Events
    /// enter a branch hop from another hop's side outcome (the retrier's from egress's retry hand-offs), not from the
    /// previous hop's <c>out</c>, so a branch hop must account for its own <c>in</c>.
    /// </summary>
    public List<string> BranchHops { get; set; } = [];

    /// <summary>The branch hops in force.</summary>
    public IReadOnlyList<string> EffectiveBranchHops => BranchHops.Count > 0 ? BranchHops : DefaultBranchHops;

    /// <summary>Every hop with a row in a loss table: the main line in order, then the branch hops.</summary>
    public IReadOnlyList<string> AllHops => [.. EffectiveHops, .. EffectiveBranchHops];
}

namespace Streams.Egress;

/// <summary>The <c>Streams:Egress</c> section.</summary>
public sealed class EgressOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Egress";

    /// <summary>The consumer group reading <c>streams.normalised</c>.</summary>
    public string GroupId { get; set; } = "streams-egress";

    /// <summary>
    /// Most records of one partition consumed and not yet committable; past it, fetching that partition pauses until
    /// deliveries catch up (resuming at half). It bounds memory and what a crash can re-deliver.
    /// </summary>
    public int MaxUncommittedRecords { get; set; } = 10_000;

    /// <summary>Most requests in flight across every subscription.</summary>
    public int MaxInFlight { get; set; } = 64;

    /// <summary>How often finished offsets are committed.</summary>
    public int CommitIntervalMs { get; set; } = 50;

    /// <summary>How long a graceful stop waits for in-flight batches before abandoning them (uncommitted, so re-delivered).</summary>
    public int DrainTimeoutMs { get; set; } = 10_000;

    /// <summary>The receivers.</summary>
    public List<SubscriptionOptions> Subscriptions { get; set; } = [];
}

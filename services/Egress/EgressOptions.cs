using Streams.Delivery;

namespace Streams.Egress;

/// <summary>
/// The egress consumer's part of the <c>Streams:Egress</c> section; the subscriptions and the in-flight cap there are
/// <see cref="DeliveryOptions"/>, shared with the retrier and replay.
/// </summary>
public sealed class EgressOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = DeliveryOptions.SectionName;

    /// <summary>The consumer group reading <c>streams.normalised</c>.</summary>
    public string GroupId { get; set; } = "streams-egress";

    /// <summary>
    /// Most records of one partition consumed and not yet committable; past it, fetching that partition pauses until
    /// deliveries catch up (resuming at half). It bounds memory and what a crash can re-deliver.
    /// </summary>
    public int MaxUncommittedRecords { get; set; } = 10_000;

    /// <summary>How often finished offsets are committed.</summary>
    public int CommitIntervalMs { get; set; } = 50;

    /// <summary>How long a graceful stop waits for in-flight batches before abandoning them (uncommitted, so re-delivered).</summary>
    public int DrainTimeoutMs { get; set; } = 10_000;
}

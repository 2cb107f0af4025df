namespace Streams.Egress;

/// <summary>The <c>Streams:Egress</c> section.</summary>
public sealed class EgressOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Egress";

    /// <summary>The consumer group reading <c>streams.normalised</c>.</summary>
    public string GroupId { get; set; } = "streams-egress";

    /// <summary>Most records read from Kafka and delivered before one commit.</summary>
    public int MaxRecordsPerCommit { get; set; } = 2000;

    /// <summary>The receivers.</summary>
    public List<SubscriptionOptions> Subscriptions { get; set; } = [];
}

namespace Streams.Retrier;

/// <summary>The <c>Streams:Retrier</c> section.</summary>
public sealed class RetrierOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Retrier";

    /// <summary>The consumer group reading the retry tiers.</summary>
    public string GroupId { get; set; } = "streams-retrier";

    /// <summary>
    /// Retry tier delays, e.g. <c>30s</c>, <c>5m</c>, <c>1h</c>; each is a topic <c>streams.retry.&lt;tier&gt;</c>.
    /// When set, they replace <c>Streams:Kafka:Topics:RetryTiers</c> for every role, so egress and the retrier agree.
    /// </summary>
    public List<string> Tiers { get; set; } = [];

    /// <summary>Delivery attempts (over egress and every tier) after which an event is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long after its first failure an event may still be retried before it is dead-lettered.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Most retry records read before they are delivered and committed.</summary>
    public int MaxBatchRecords { get; set; } = 500;
}

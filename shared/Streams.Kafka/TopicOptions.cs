namespace Streams.Kafka;

/// <summary>Names and shapes of the pipeline's topics: the <c>Streams:Kafka:Topics</c> section.</summary>
public sealed class TopicOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = KafkaOptions.SectionName + ":Topics";

    /// <summary>Prefix of every topic name.</summary>
    public string Prefix { get; set; } = "streams.";

    /// <summary>Partitions of each topic <c>./streams topics create</c> and the local cluster create.</summary>
    public int Partitions { get; set; } = 6;

    /// <summary>Replication factor each topic must have (checked at start) and is created with.</summary>
    public int ReplicationFactor { get; set; } = 3;

    /// <summary>
    /// <c>min.insync.replicas</c> each topic must have, so an acks=all write survives a broker's loss (checked at start
    /// where the cluster answers DescribeConfigs, and set by <c>./streams topics create</c>).
    /// </summary>
    public int MinInSyncReplicas { get; set; } = 2;

    /// <summary>Retry tier suffixes, e.g. <c>30s</c>, giving topics <c>streams.retry.30s</c>.</summary>
    public List<string> RetryTiers { get; set; } = ["30s", "5m", "1h"];

    /// <summary>Accepted events, as ingest wrote them.</summary>
    public string Ingested => Prefix + "ingested";

    /// <summary>Validated, canonical events, ready for delivery.</summary>
    public string Normalised => Prefix + "normalised";

    /// <summary>Events that could not be delivered or processed, with the reason in headers.</summary>
    public string DeadLetters => Prefix + "dlq";

    /// <summary>Which dead letters were redriven already, so a redrive sends each one once.</summary>
    public string RedriveLedger => Prefix + "dlq.redriven";

    /// <summary>Per-hop counts for the loss auditor.</summary>
    public string Audit => Prefix + "audit";

    /// <summary>Per-event receipts, a record per hop's write and partition (see <c>shared/Streams.Receipts</c>).</summary>
    public string Receipts => Prefix + "receipts";

    /// <summary>The topic of one retry tier.</summary>
    public string RetryTier(string tier) => Prefix + "retry." + tier;

    /// <summary>The topics of every retry tier, in tier order.</summary>
    public IEnumerable<string> RetryTopics() => RetryTiers.Select(RetryTier);

    /// <summary>Every topic the pipeline reads or writes.</summary>
    public IEnumerable<string> All() =>
        new[] { Ingested, Normalised, DeadLetters, RedriveLedger, Audit, Receipts }.Concat(RetryTiers.Select(RetryTier));
}

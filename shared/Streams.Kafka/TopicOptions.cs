namespace Streams.Kafka;

/// <summary>Names and shapes of the pipeline's topics: the <c>Streams:Kafka:Topics</c> section.</summary>
public sealed class TopicOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = KafkaOptions.SectionName + ":Topics";

    /// <summary>Prefix of every topic name.</summary>
    public string Prefix { get; set; } = "streams.";

    /// <summary>Partitions of each topic the local cluster creates; a real cluster's topics are provisioned by its operators.</summary>
    public int Partitions { get; set; } = 6;

    /// <summary>Replication factor of each topic the local cluster creates.</summary>
    public int ReplicationFactor { get; set; } = 3;

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

    /// <summary>The topic of one retry tier.</summary>
    public string RetryTier(string tier) => Prefix + "retry." + tier;

    /// <summary>Every topic the pipeline reads or writes.</summary>
    public IEnumerable<string> All() =>
        new[] { Ingested, Normalised, DeadLetters, RedriveLedger, Audit }.Concat(RetryTiers.Select(RetryTier));
}

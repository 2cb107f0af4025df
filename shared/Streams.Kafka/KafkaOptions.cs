using Streams.Kafka.Topics;

namespace Streams.Kafka;

/// <summary>How the services reach Kafka: the <c>Streams:Kafka</c> configuration section.</summary>
public sealed class KafkaOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Kafka";

    /// <summary>Comma-separated <c>host:port</c> list; <c>./streams up</c> fills it with the local cluster's.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Prefix of every client id, so broker logs tell the services apart.</summary>
    public string ClientId { get; set; } = "streams";

    /// <summary>How long a producer may try to get a record acknowledged before it reports failure.</summary>
    public int DeliveryTimeoutMs { get; set; } = 30_000;

    /// <summary>
    /// How long a producer waits for more records before sending a batch. Records produced while a request is in flight
    /// batch up by themselves (up to five requests in flight per broker), so a longer wait mostly delays a lone event.
    /// </summary>
    public int LingerMs { get; set; } = 2;

    /// <summary>
    /// Longest a broker holds a delivery-path hop's fetch that found nothing new (readers off the path wait longer). A
    /// real broker answers as soon as a record arrives, so this only bounds how often an idle consumer asks;
    /// librdkafka's mock cluster, the local one, always waits it out before answering an empty fetch, so there it is
    /// each hop's latency for a lone event.
    /// </summary>
    public int FetchWaitMaxMs { get; set; } = 10;

    /// <summary>The pipeline's topics.</summary>
    public TopicOptions Topics { get; set; } = new();

    /// <summary>What a role does while a topic it needs is missing or misconfigured: wait (not ready) or exit with code 2.</summary>
    public MissingTopicsBehaviour MissingTopics { get; set; } = MissingTopicsBehaviour.Wait;

    /// <summary>Extra librdkafka properties (e.g. <c>security.protocol</c>), applied to every client last.</summary>
    public Dictionary<string, string> Client { get; set; } = [];
}

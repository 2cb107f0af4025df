using Confluent.Kafka;

namespace Streams.Kafka.Consuming;

/// <summary>What a consumer calls on a rebalance: partitions assigned, revoked (still owned, so what is done can be committed), and lost.</summary>
/// <param name="Assigned">Partitions added to the assignment.</param>
/// <param name="Revoked">Partitions taken away in an orderly rebalance.</param>
/// <param name="Lost">Partitions this member no longer owns without a rebalance it took part in.</param>
public sealed record RebalanceHandlers(
    Action<IConsumer<byte[]?, byte[]>, List<TopicPartition>> Assigned,
    Action<IConsumer<byte[]?, byte[]>, List<TopicPartitionOffset>> Revoked,
    Action<IConsumer<byte[]?, byte[]>, List<TopicPartitionOffset>> Lost);

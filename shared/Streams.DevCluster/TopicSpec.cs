namespace Streams.DevCluster;

/// <summary>A topic to create on the local cluster.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Partition count.</param>
/// <param name="ReplicationFactor">Replicas per partition (capped at the broker count).</param>
public sealed record TopicSpec(string Name, int Partitions, int ReplicationFactor = 3);

using Confluent.Kafka;

namespace Streams.Kafka.Topics;

/// <summary>
/// What is wrong with the topics a process needs, given the cluster's metadata (and, where the cluster answers it,
/// each topic's <c>min.insync.replicas</c>): one line per topic, naming it and the setting it fails.
/// </summary>
public static class TopicProblems
{
    /// <summary>The problems; empty when every topic exists with the replication the settings ask for.</summary>
    /// <param name="metadata">The cluster's metadata for (at least) the topics.</param>
    /// <param name="topics">The topics needed.</param>
    /// <param name="expected">The settings.</param>
    /// <param name="minInSyncReplicas">Each topic's <c>min.insync.replicas</c>, for the topics the cluster described.</param>
    public static IReadOnlyList<TopicProblem> Find(
        Metadata metadata,
        IEnumerable<string> topics,
        TopicOptions expected,
        IReadOnlyDictionary<string, int> minInSyncReplicas)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(minInSyncReplicas);
        var known = metadata.Topics
            .Where(topic => topic.Error.Code == ErrorCode.NoError && topic.Partitions.Count > 0)
            .ToDictionary(topic => topic.Topic, StringComparer.Ordinal);
        var problems = new List<TopicProblem>();
        foreach (var name in topics.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            if (!known.TryGetValue(name, out var topic))
            {
                problems.Add(new(name, $"{name} does not exist (create it with `./streams topics create`, or as your cluster's operators do)"));
                continue;
            }

            var replicas = topic.Partitions.Min(partition => partition.Replicas.Length);
            if (replicas < expected.ReplicationFactor)
            {
                problems.Add(new(name, $"{name} has replication factor {replicas}; Streams:Kafka:Topics:ReplicationFactor asks for {expected.ReplicationFactor}"));
            }

            if (minInSyncReplicas.TryGetValue(name, out var minInSync) && minInSync < expected.MinInSyncReplicas)
            {
                problems.Add(new(name, $"{name} has min.insync.replicas {minInSync}; Streams:Kafka:Topics:MinInSyncReplicas asks for {expected.MinInSyncReplicas}"));
            }
        }

        return problems;
    }
}

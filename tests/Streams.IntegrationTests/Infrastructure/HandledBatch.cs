using Confluent.Kafka;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>One batch a group member's handler was given, and whether the commit that followed it failed.</summary>
public sealed class HandledBatch(string member, IReadOnlyList<TopicPartitionOffset> records)
{
    public string Member { get; } = member;

    public IReadOnlyList<TopicPartitionOffset> Records { get; } = records;

    /// <summary>Set on the member's loop thread when the loop logs that committing this batch failed.</summary>
    public bool CommitFailed { get; set; }
}

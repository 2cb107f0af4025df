using Confluent.Kafka;
using Streams.Kafka.Topics;

namespace Streams.Kafka.Tests;

public sealed class TopicProblemsTests
{
    private static readonly TopicOptions Settings = new() { ReplicationFactor = 3, MinInSyncReplicas = 2 };

    [Fact]
    public void Find_EveryTopicThereAsConfigured_NoProblems()
    {
        // Arrange
        var metadata = Cluster(Topic("a", replicas: 3), Topic("b", replicas: 3));

        // Act
        var problems = TopicProblems.Find(metadata, ["a", "b"], Settings, new Dictionary<string, int> { ["a"] = 2, ["b"] = 3 });

        // Assert
        Assert.Empty(problems);
    }

    [Fact]
    public void Find_MissingUnderReplicatedAndLowMinInSync_OneLineEachNamingTopicAndSetting()
    {
        // Arrange: "gone" is not there, "erred" came back with an error, "thin" has RF 1, "loose" min.insync 1.
        var metadata = Cluster(
            Topic("thin", replicas: 1),
            Topic("loose", replicas: 3),
            new TopicMetadata("erred", [], new Error(ErrorCode.UnknownTopicOrPart)));

        // Act
        var problems = TopicProblems.Find(metadata, ["thin", "gone", "loose", "erred", "thin"], Settings, new Dictionary<string, int> { ["loose"] = 1 });

        // Assert
        Assert.Equal(["erred", "gone", "loose", "thin"], problems.Select(problem => problem.Topic));
        Assert.Contains("erred does not exist", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("gone does not exist", problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("min.insync.replicas 1; Streams:Kafka:Topics:MinInSyncReplicas asks for 2", problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("replication factor 1; Streams:Kafka:Topics:ReplicationFactor asks for 3", problems[3].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_OnePartitionUnderReplicated_TheTopicsLowestCounts()
    {
        // Arrange
        var metadata = Cluster(new TopicMetadata(
            "mixed",
            [new PartitionMetadata(0, 1, [1, 2, 3], [1, 2, 3], ErrorCode.NoError), new PartitionMetadata(1, 1, [1, 2], [1, 2], ErrorCode.NoError)],
            ErrorCode.NoError));

        // Act
        var problem = Assert.Single(TopicProblems.Find(metadata, ["mixed"], Settings, new Dictionary<string, int>()));

        // Assert
        Assert.Contains("replication factor 2", problem.Message, StringComparison.Ordinal);
    }

    private static TopicMetadata Topic(string name, int replicas) =>
        new(name, [.. Enumerable.Range(0, 3).Select(p => new PartitionMetadata(p, 1, [.. Enumerable.Range(1, replicas)], [.. Enumerable.Range(1, replicas)], ErrorCode.NoError))], ErrorCode.NoError);

    private static Metadata Cluster(params TopicMetadata[] topics) => new([new BrokerMetadata(1, "127.0.0.1", 9092)], [.. topics], 1, "127.0.0.1:9092/1");
}

namespace Streams.Kafka.Tests;

public sealed class TopicOptionsTests
{
    [Fact]
    public void All_DefaultPrefix_ListsEveryPipelineTopicOnce()
    {
        // Arrange
        var topics = new TopicOptions();

        // Act
        var all = topics.All().ToList();

        // Assert
        Assert.Equal(
            ["streams.ingested", "streams.normalised", "streams.dlq", "streams.dlq.redriven", "streams.audit", "streams.receipts", "streams.retry.30s", "streams.retry.5m", "streams.retry.1h"],
            all);
    }

    [Fact]
    public void RetryTier_CustomPrefix_FollowsTheNamingScheme()
    {
        // Arrange
        var topics = new TopicOptions { Prefix = "acme." };

        // Act / Assert
        Assert.Equal("acme.retry.30s", topics.RetryTier("30s"));
        Assert.Equal("acme.dlq", topics.DeadLetters);
    }
}

namespace Streams.Kafka.Tests;

public sealed class KafkaOptionsValidatorTests
{
    private readonly KafkaOptionsValidator _validator = new();

    [Theory]
    [InlineData("127.0.0.1:9092")]
    [InlineData("kafka-0:9092, kafka-1:9092,kafka-2:9092")]
    public void Validate_GoodBootstrapServers_Succeeds(string servers)
    {
        // Act
        var result = _validator.Validate(null, new KafkaOptions { BootstrapServers = servers });

        // Assert
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("kafka")]
    [InlineData("kafka:0")]
    [InlineData("kafka:99999")]
    [InlineData(":9092")]
    public void Validate_BadBootstrapServers_NamesTheSetting(string servers)
    {
        // Act
        var result = _validator.Validate(null, new KafkaOptions { BootstrapServers = servers });

        // Assert
        Assert.True(result.Failed);
        Assert.Contains("Streams:Kafka:BootstrapServers", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NonPositivePartitions_NamesTheSetting()
    {
        // Arrange
        var options = new KafkaOptions { BootstrapServers = "k:1", Topics = new TopicOptions { Partitions = 0 } };

        // Act
        var result = _validator.Validate(null, options);

        // Assert
        Assert.Contains("Streams:Kafka:Topics:Partitions must be at least 1, was 0.", result.FailureMessage, StringComparison.Ordinal);
    }
}

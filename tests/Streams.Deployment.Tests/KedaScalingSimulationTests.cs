namespace Streams.Deployment.Tests;

/// <summary>The simulation's rules, one at a time, on small numbers.</summary>
public sealed class KedaScalingSimulationTests
{
    private static readonly KafkaTrigger Trigger = new(LagThreshold: 100, ActivationLagThreshold: 10, Partitions: 4);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(100, 1)]
    [InlineData(101, 2)]
    [InlineData(350, 4)]
    public void Replicas_LagBelowPartitionCap_IsLagOverThresholdRoundedUp(long lag, int expected)
    {
        // Arrange, Act
        var replicas = KedaScalingSimulation.Replicas(1, 10, [Trigger], [lag]);

        // Assert
        Assert.Equal(expected, replicas);
    }

    [Fact]
    public void Replicas_LagPastPartitionsTimesThreshold_StopsAtPartitions()
    {
        // Arrange, Act
        var replicas = KedaScalingSimulation.Replicas(1, 10, [Trigger], [1_000_000]);

        // Assert
        Assert.Equal(4, replicas);
    }

    [Fact]
    public void Replicas_MaxBelowPartitions_StopsAtMax()
    {
        // Arrange, Act
        var replicas = KedaScalingSimulation.Replicas(1, 3, [Trigger], [1_000_000]);

        // Assert
        Assert.Equal(3, replicas);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(10, 0)]
    [InlineData(11, 1)]
    public void Replicas_MinZero_ScalesToZeroAtOrBelowActivation(long lag, int expected)
    {
        // Arrange, Act
        var replicas = KedaScalingSimulation.Replicas(0, 10, [Trigger], [lag]);

        // Assert
        Assert.Equal(expected, replicas);
    }

    [Fact]
    public void Replicas_MinAboveOne_HoldsMinWhenIdle()
    {
        // Arrange, Act
        var replicas = KedaScalingSimulation.Replicas(2, 10, [Trigger], [0]);

        // Assert
        Assert.Equal(2, replicas);
    }

    [Fact]
    public void Replicas_SeveralTriggers_FollowTheBusiestOne()
    {
        // Arrange
        var idle = new KafkaTrigger(100, 0, 4);

        // Act
        var replicas = KedaScalingSimulation.Replicas(0, 10, [idle, Trigger], [0, 250]);

        // Assert
        Assert.Equal(3, replicas);
    }
}

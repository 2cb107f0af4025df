namespace Streams.Chaos.Tests;

public sealed class LagRecoveryTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void Measure_LagNormalAgainTwoSecondsAfterTheFault_TimeFromTheFaultsEnd()
    {
        // Arrange: the fault ends at 4.5 s; seconds 4–5 still lag, 6 onwards are normal until sending stops at 9 s.
        var seconds = Seconds(50, 50, 50, 50, 3000, 900, 60, 50, 40, 5000);

        // Act
        var recovery = LagRecovery.Measure(seconds, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(9), Limit);

        // Assert: 6–8 are three normal seconds; second 9 (the drain, after sending stopped) does not count.
        Assert.Equal(TimeSpan.FromSeconds(1.5), recovery);
    }

    [Fact]
    public void Measure_NormalInTheSecondTheFaultEnded_Zero()
    {
        var recovery = LagRecovery.Measure(Seconds(50, 50, 50, 50), TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(4), Limit);

        Assert.Equal(TimeSpan.Zero, recovery);
    }

    [Fact]
    public void Measure_ASecondWithNothingReceivedAfterNormalOnes_NotRecoveredUntilAfterIt()
    {
        // Arrange: normal at 3, nothing arrives at 4 (a stall), normal again from 5 until sending stops at 7.
        var seconds = Seconds(50, 50, 50, 50, -1, 50, 50);

        // Act
        var recovery = LagRecovery.Measure(seconds, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7), Limit);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(3), recovery);
    }

    [Fact]
    public void Measure_ASlowSecondLongAfterRecovering_StillTheFirstRecovery()
    {
        // Arrange: normal from 3 for three seconds, then one slow second at 7 (a neighbour's build, not the fault).
        var seconds = Seconds(50, 50, 3000, 50, 50, 50, 50, 900, 50);

        // Act
        var recovery = LagRecovery.Measure(seconds, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(9), Limit);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(0.5), recovery);
    }

    [Fact]
    public void Measure_LagHighUntilSendingStops_Null()
    {
        var recovery = LagRecovery.Measure(Seconds(50, 50, 4000, 4000, 4000), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), Limit);

        Assert.Null(recovery);
    }

    [Fact]
    public void NormalLimit_WarmUpWorstSecond400Ms_TwiceThatSkippingTheFirstSecond()
    {
        var limit = LagRecovery.NormalLimit(Seconds(9000, 100, 400, 200, 7000), TimeSpan.FromSeconds(4));

        Assert.Equal(TimeSpan.FromMilliseconds(800), limit);
    }

    [Fact]
    public void NormalLimit_QuickWarmUp_TheFloor()
    {
        var limit = LagRecovery.NormalLimit(Seconds(10, 20, 30), TimeSpan.FromSeconds(3));

        Assert.Equal(LagRecovery.Floor, limit);
    }

    /// <summary>One second per p95 in milliseconds; a negative one is a second in which nothing was received.</summary>
    private static List<SecondLag> Seconds(params int[] p95Ms) =>
        [.. p95Ms.Select(ms => ms < 0 ? new SecondLag(0, TimeSpan.Zero) : new SecondLag(100, TimeSpan.FromMilliseconds(ms)))];
}

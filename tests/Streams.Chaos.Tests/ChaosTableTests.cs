using Streams.Chaos.Faults;

namespace Streams.Chaos.Tests;

public sealed class ChaosTableTests
{
    private static readonly ChaosRow BrokerDown = new("broker-down", "broker 1 down", TimeSpan.FromSeconds(8), new BrokerDownFault(1));

    [Fact]
    public void Render_ARowThatRecovered_OneLineWithEveryCount()
    {
        // Arrange
        var outcome = new RowOutcome(BrokerDown, new RowCounts(6900, 6800, 100, 6700, 100, 0, 12), TimeSpan.FromSeconds(2.4), TimeSpan.FromSeconds(15), 1);

        // Act
        var lines = ChaosTable.Render([outcome]).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // Assert
        Assert.Equal(3, lines.Length);
        Assert.Equal("| broker-down | broker 1 down | 6,900 | 6,800 | 100 | 6,700 | 100 | 0 | 12 | 2.4 s | 1 |", lines[2].TrimEnd());
    }

    [Fact]
    public void Render_LossAndNoRecovery_LossInBoldAndTheObservedBound()
    {
        var outcome = new RowOutcome(BrokerDown, new RowCounts(1000, 1000, 0, 990, 0, 10, 0), Recovery: null, TimeSpan.FromSeconds(15), 0);

        var line = ChaosTable.Render([outcome]).Split('\n', StringSplitOptions.RemoveEmptyEntries)[2];

        Assert.Contains("| **10** |", line, StringComparison.Ordinal);
        Assert.Contains("| > 15 s |", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_ARowThatDidNotRun_SaysWhyAndCountsItAsNotKept()
    {
        // Arrange
        var kept = new RowOutcome(BrokerDown, new RowCounts(10, 10, 0, 10, 0, 0, 0), TimeSpan.Zero, TimeSpan.FromSeconds(15), 0);
        var failed = new RowOutcome(BrokerDown with { Name = "kill-egress" }, Counts: null, Recovery: null, TimeSpan.Zero, 0, "egress exited | with 2");

        // Act
        var page = ChaosTable.Page("./streams chaos", new DateTimeOffset(2026, 12, 3, 15, 0, 0, TimeSpan.Zero), 2, [kept, failed]);

        // Assert
        Assert.StartsWith("Command: `./streams chaos`, 2026-12-03 15:00 UTC, 2 cores. 1 of 2 rows lost nothing answered 200.", page, StringComparison.Ordinal);
        Assert.Contains("| kill-egress | broker 1 down | did not run: egress exited \\| with 2 |", page, StringComparison.Ordinal);
        Assert.False(failed.Kept);
    }
}

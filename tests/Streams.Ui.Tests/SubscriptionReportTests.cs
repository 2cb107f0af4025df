using Streams.Ui.Subscriptions;

namespace Streams.Ui.Tests;

public sealed class SubscriptionReportTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void From_TwoScrapes_RatesFromTheDeliveriesIncreaseAndTheWorstCircuit()
    {
        // Arrange: egress and the retrier both deliver to "shop"; the retrier's breaker is open.
        var before = Scrapes.Point(Start, """
            streams_deliveries_total{outcome="delivered",subscription="shop"} 100
            streams_circuit_state{subscription="shop"} 0
            """);
        var after = Scrapes.Point(Start.AddSeconds(10), """
            streams_deliveries_total{outcome="delivered",subscription="shop"} 300
            streams_deliveries_total{outcome="dead_lettered",subscription="shop"} 5
            streams_circuit_state{subscription="shop"} 0
            streams_circuit_state{subscription="shop"} 2
            """);

        // Act
        var rows = SubscriptionReport.From(["quiet"], [before, after]);

        // Assert: "quiet" is configured but no process reports it yet.
        Assert.Equal(
            [new SubscriptionStatus("quiet", "unknown", 0, 0), new SubscriptionStatus("shop", "open", 20, 0.5)],
            rows);
    }

    [Fact]
    public void From_OneScrape_NoRateYet()
    {
        // Act
        var row = Assert.Single(SubscriptionReport.From([], [Scrapes.Point(Start, "streams_circuit_state{subscription=\"shop\"} 1\n")]));

        // Assert
        Assert.Equal(new SubscriptionStatus("shop", "half-open", null, null), row);
    }
}

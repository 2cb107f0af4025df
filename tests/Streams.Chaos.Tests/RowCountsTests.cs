using Streams.LoadTest;

namespace Streams.Chaos.Tests;

public sealed class RowCountsTests
{
    [Fact]
    public void From_AnsweredEventsDeliveredDeadLetteredOrMissing_EachCountedOnceById()
    {
        // Arrange: 10 events; 0–7 answered 200, 8–9 refused. 0–4 arrive (2 twice), 5–6 dead-lettered, 7 never seen;
        // refused 9 arrives anyway and refused 8 is dead-lettered, neither promised.
        var ledger = new EventLedger(10, 5);
        ledger.Answered(0, 8, acknowledged: true, 0);
        ledger.Answered(8, 2, acknowledged: false, 0);
        foreach (var sequence in new long[] { 0, 1, 2, 2, 3, 4, 9 })
        {
            ledger.Receive(sequence, TimeSpan.FromMilliseconds(5), 1);
        }

        // Act
        var counts = RowCounts.From(ledger, new HashSet<long> { 5, 6, 8 });

        // Assert
        Assert.Equal(new RowCounts(Sent: 10, Answered200: 8, NotAnswered200: 2, Delivered: 5, DeadLettered: 2, Lost: 1, Duplicates: 1), counts);
        Assert.Equal(counts.Answered200, counts.Delivered + counts.DeadLettered + counts.Lost);
    }

    [Fact]
    public void From_DeliveredAndAlsoDeadLettered_CountsAsDeliveredOnly()
    {
        // Arrange: event 0 reached the receiver and its batch was dead-lettered too (a receiver that did the work, then timed out).
        var ledger = new EventLedger(2, 5);
        ledger.Answered(0, 2, acknowledged: true, 0);
        ledger.Receive(0, TimeSpan.FromMilliseconds(5), 1);
        ledger.Receive(1, TimeSpan.FromMilliseconds(5), 1);

        // Act
        var counts = RowCounts.From(ledger, new HashSet<long> { 0 });

        // Assert
        Assert.Equal(2, counts.Delivered);
        Assert.Equal(0, counts.DeadLettered);
        Assert.Equal(0, counts.Lost);
    }
}

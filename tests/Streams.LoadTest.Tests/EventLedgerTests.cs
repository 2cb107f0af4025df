
namespace Streams.LoadTest.Tests;

public sealed class EventLedgerTests
{
    [Fact]
    public void Counts_SomeAcknowledgedMissingSomeTwiceSomeRefused_LossAndDuplicatesIdById()
    {
        // Arrange: 10 events; 0–7 acknowledged, 8–9 refused.
        var ledger = new EventLedger(10, 5);
        ledger.Sent(0, 10);
        ledger.Answered(0, 8, acknowledged: true, 0);
        ledger.Answered(8, 2, acknowledged: false, 0);

        // Act: 0–5 arrive, 3 twice, refused 9 arrives anyway; 6 and 7 never.
        foreach (var sequence in new long[] { 0, 1, 2, 3, 3, 4, 5, 9 })
        {
            ledger.Receive(sequence, TimeSpan.FromMilliseconds(10 * (sequence + 1)), 1);
        }

        ledger.Receive(10, TimeSpan.FromMilliseconds(1), 1);

        // Assert
        Assert.Equal(8, ledger.Acked);
        Assert.Equal(2, ledger.Refused);
        Assert.Equal(7, ledger.Received);
        Assert.Equal(2, ledger.Lost);
        Assert.Equal(1, ledger.Duplicates);
        Assert.Equal(1, ledger.ReceivedUnacknowledged);
        Assert.Equal(1, ledger.Unknown);
        Assert.False(ledger.AllAcknowledgedReceived);
        Assert.Equal(7, ledger.EndToEnd().Count);
    }

    [Fact]
    public void Seconds_EventsInDifferentSeconds_RowsUpToTheLastBusyOne()
    {
        // Arrange
        var ledger = new EventLedger(4, 10);

        // Act
        ledger.Sent(0, 2);
        ledger.Sent(1, 2);
        ledger.Answered(0, 4, acknowledged: true, 1);
        ledger.Receive(0, TimeSpan.FromMilliseconds(5), 2);
        ledger.Receive(1, TimeSpan.FromMilliseconds(5), 20);

        // Assert: the receipt past the ledger's span counts in its last second.
        var seconds = ledger.Seconds;
        Assert.Equal(10, seconds.Count);
        Assert.Equal([2L, 2, 0], seconds.Take(3).Select(second => second.Sent));
        Assert.Equal(4, seconds[1].Acked);
        Assert.Equal(1, seconds[2].Received);
        Assert.Equal(1, seconds[9].Received);
    }
}

using Confluent.Kafka;
using FsCheck.Xunit;
using Streams.Kafka;

namespace Streams.Egress.Tests;

public sealed class PartitionOffsetTrackerTests
{
    private static readonly TopicPartition Partition = new("streams.normalised", 3);

    [Property(MaxTest = 500)]
    public bool TakeCommittable_AnyCompletionOrder_NeverPassesAnUnfinishedOffset(byte[] workPerRecord, int[] completionChoices)
    {
        // Arrange: offsets with gaps (compaction, transactions), each needing 0-3 completions.
        var tracker = new PartitionOffsetTracker(Partition);
        var records = workPerRecord.Select((work, index) => (Offset: 100 + (index * 3L), Work: work % 4)).ToList();
        var tracked = records.Select(r => tracker.Track(r.Offset, r.Work)).ToList();
        var units = tracked.SelectMany(t => Enumerable.Repeat(t, records[tracked.IndexOf(t)].Work)).ToList();
        var committed = -1L;
        var ok = true;

        // Act: complete units in an arbitrary order, taking the committable offset after each.
        foreach (var choice in completionChoices.Concat(Enumerable.Range(0, units.Count)))
        {
            if (units.Count == 0)
            {
                break;
            }

            var unit = units[(int)((uint)choice % (uint)units.Count)];
            units.Remove(unit);
            unit.Complete();
            if (tracker.TakeCommittable() is { } offset)
            {
                // Assert: every record below a committed offset is done, and commits only move forward.
                ok &= offset > committed && tracked.Where(t => t.Offset < offset).All(t => t.IsDone);
                committed = offset;
            }
        }

        var final = tracker.TakeCommittable() ?? committed;
        return ok && (records.Count == 0 || final == records[^1].Offset + 1) && tracker.Count == 0;
    }

    [Fact]
    public void TakeCommittable_LaterRecordDoneFirst_WaitsForTheEarlierOne()
    {
        // Arrange
        var tracker = new PartitionOffsetTracker(Partition);
        var first = tracker.Track(10, work: 2);
        var second = tracker.Track(11, work: 1);

        // Act
        second.Complete();
        first.Complete();
        var afterOneOfTwo = tracker.TakeCommittable();
        first.Complete();
        var afterBoth = tracker.TakeCommittable();
        var again = tracker.TakeCommittable();

        // Assert
        Assert.Null(afterOneOfTwo);
        Assert.Equal(12, afterBoth);
        Assert.Null(again);
    }

    [Fact]
    public void Complete_CalledMoreOftenThanTheWork_DoesNotFinishLaterWork()
    {
        // Arrange
        var tracker = new PartitionOffsetTracker(Partition);
        var record = tracker.Track(5, work: 1);

        // Act
        record.Complete();
        record.Complete();

        // Assert
        Assert.True(record.IsDone);
        Assert.Equal(6, tracker.TakeCommittable());
    }

    [Fact]
    public void Track_NoWork_IsDoneAtOnce()
    {
        // Arrange
        var tracker = new PartitionOffsetTracker(Partition);

        // Act
        tracker.Track(0, work: 0);

        // Assert
        Assert.Equal(1, tracker.TakeCommittable());
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void Track_OffsetNotIncreasing_Throws()
    {
        // Arrange
        var tracker = new PartitionOffsetTracker(Partition);
        tracker.Track(7, work: 1);

        // Act / Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.Track(7, work: 1));
    }

    [Fact]
    public void CommitFailed_AfterTake_OffersTheSameOffsetAgain()
    {
        // Arrange
        var tracker = new PartitionOffsetTracker(Partition);
        tracker.Track(0, work: 0);
        var taken = tracker.TakeCommittable();

        // Act
        tracker.CommitFailed();

        // Assert
        Assert.Equal(taken, tracker.TakeCommittable());
    }
}

using Confluent.Kafka;
using FsCheck.Xunit;
using Streams.Kafka.Consuming;

namespace Streams.Kafka.Tests;

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
    public void DropFrom_RecordsReadAgain_ForgetsThemAndAcceptsTheirOffsetsAnew()
    {
        // Arrange: 10 done, 11 and 12 pending when the partition is rewound to 11.
        var tracker = new PartitionOffsetTracker(Partition);
        tracker.Track(10).Complete();
        var eleven = tracker.Track(11);
        tracker.Track(12);

        // Act
        tracker.DropFrom(11);
        eleven.Complete();
        var retracked = tracker.Track(11);

        // Assert: the late completion of the forgotten 11 commits nothing past 11; the new 11 does.
        Assert.True(eleven.IsAbandoned);
        Assert.Equal(11, tracker.TakeCommittable());
        retracked.Complete();
        Assert.Equal(12, tracker.TakeCommittable());
    }

    [Fact]
    public void AbandonAll_PartitionGone_MarksEveryPendingRecordAndCommitsNothingMore()
    {
        // Arrange
        var tracker = new PartitionOffsetTracker(Partition);
        var records = new[] { tracker.Track(0), tracker.Track(1) };

        // Act
        tracker.AbandonAll();
        records[0].Complete();

        // Assert
        Assert.All(records, record => Assert.True(record.IsAbandoned));
        Assert.Null(tracker.TakeCommittable());
        Assert.Equal(0, tracker.Count);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    public void Expect_CompletionsInPlaceOfOne_IsDoneAfterExactlyThatMany(int expected, int completionsToDone)
    {
        // Arrange
        var tracker = new PartitionOffsetTracker(Partition);
        var record = tracker.Track(4);

        // Act
        record.Expect(expected);
        var doneAfter = 0;
        while (!record.IsDone)
        {
            record.Complete();
            doneAfter++;
        }

        // Assert
        Assert.Equal(completionsToDone, doneAfter);
        Assert.Equal(5, tracker.TakeCommittable());
    }
}

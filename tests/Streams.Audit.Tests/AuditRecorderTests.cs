namespace Streams.Audit.Tests;

public class AuditRecorderTests
{
    private const long Minute = 1_795_412_340_000;

    [Fact]
    public void TakeSnapshot_EventsOfSeveralMinutesAndStages_OneEntryPerHopStageAndMinute()
    {
        // Arrange
        var recorder = new AuditRecorder();
        recorder.Record("ingest", AuditStage.Out, Minute + 59_999, 5);
        recorder.Record("ingest", AuditStage.Out, Minute, 7);
        recorder.Record("ingest", AuditStage.Out, Minute + 60_000, 11);
        recorder.Record("normaliser", AuditStage.DeadLettered, Minute + 1, 13);

        // Act
        var entries = recorder.TakeSnapshot().OrderBy(entry => entry.Hop).ThenBy(entry => entry.MinuteMs).ToList();

        // Assert
        Assert.Equal(
            [
                new AuditEntry("ingest", AuditStage.Out, Minute, 2, 12),
                new AuditEntry("ingest", AuditStage.Out, Minute + 60_000, 1, 11),
                new AuditEntry("normaliser", AuditStage.DeadLettered, Minute, 1, 13),
            ],
            entries);
        Assert.Empty(recorder.TakeSnapshot());
    }

    [Fact]
    public void Restore_AfterAFailedFlush_NextSnapshotCarriesTheEntriesAndNewOnes()
    {
        // Arrange
        var recorder = new AuditRecorder();
        recorder.Record("egress", AuditStage.Out, Minute, ulong.MaxValue);
        var failed = recorder.TakeSnapshot();
        recorder.Record("egress", AuditStage.Out, Minute, 2);

        // Act
        recorder.Restore(failed);
        var entry = Assert.Single(recorder.TakeSnapshot());

        // Assert: the digest wraps modulo 2^64.
        Assert.Equal(new AuditEntry("egress", AuditStage.Out, Minute, 2, 1), entry);
    }

    [Fact]
    public async Task Record_ConcurrentWithSnapshots_LosesAndDoublesNothing()
    {
        // Arrange
        const int Threads = 4;
        const int PerThread = 50_000;
        var recorder = new AuditRecorder();
        var taken = new List<AuditEntry>();
        using var stop = new CancellationTokenSource();
        var flusher = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                taken.AddRange(recorder.TakeSnapshot());
            }
        });

        // Act
        await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                recorder.Record("hop", (AuditStage)(i % 2), Minute + (i % 3 * 60_000), (ulong)((thread * PerThread) + i));
            }
        })));
        await stop.CancelAsync();
        await flusher;
        taken.AddRange(recorder.TakeSnapshot());

        // Assert
        var expectedDigest = Enumerable.Range(0, Threads * PerThread).Aggregate(0UL, (sum, i) => unchecked(sum + (ulong)i));
        Assert.Equal(Threads * PerThread, taken.Sum(entry => entry.Count));
        Assert.Equal(expectedDigest, taken.Aggregate(0UL, (sum, entry) => unchecked(sum + entry.Digest)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(59_999, 0)]
    [InlineData(60_000, 60_000)]
    [InlineData(-1, -60_000)]
    public void MinuteOf_Times_RoundDownToTheMinute(long time, long minute)
    {
        // Act
        var result = AuditEntry.MinuteOf(time);

        // Assert
        Assert.Equal(minute, result);
    }
}

using Streams.Audit;
using Streams.Auditor.Loss;

namespace Streams.Auditor.Tests;

public class AuditLedgerTests
{
    private const long Minute = Pipeline.Minute;

    [Fact]
    public void Add_ReportsOfSeveralReporters_SumsPerMinuteHopAndStage()
    {
        // Arrange
        var ledger = new AuditLedger();

        // Act
        ledger.Add(Report(new AuditEntry("ingest", AuditStage.Out, Minute, 3, 10)));
        ledger.Add(Report(new AuditEntry("ingest", AuditStage.Out, Minute, 2, ulong.MaxValue), new AuditEntry("ingest", AuditStage.Out, Minute + 60_000, 1, 1)));

        // Assert
        var buckets = ledger.Range(Minute, Minute + 120_000);
        Assert.Equal([Minute, Minute + 60_000], buckets.Select(bucket => bucket.MinuteMs));
        Assert.Equal(new StageTotal(5, 9), buckets[0].Get("ingest", AuditStage.Out));
        Assert.Equal(default, buckets[0].Get("egress", AuditStage.Out));
    }

    [Fact]
    public void TakeDue_CalledTwice_HandsEachMinuteOutOnceAndCountsLateEntries()
    {
        // Arrange
        var ledger = new AuditLedger();
        ledger.Add(Report(new AuditEntry("ingest", AuditStage.In, Minute, 1, 1), new AuditEntry("ingest", AuditStage.In, Minute + 60_000, 1, 1)));

        // Act
        var first = ledger.TakeDue(Minute + 60_000);
        var second = ledger.TakeDue(Minute + 60_000);
        var late = ledger.Add(Report(new AuditEntry("egress", AuditStage.Out, Minute, 1, 1), new AuditEntry("egress", AuditStage.Out, Minute + 60_000, 1, 1)));

        // Assert
        Assert.Equal([Minute], first.Select(bucket => bucket.MinuteMs));
        Assert.Empty(second);
        Assert.Equal(1, late);
    }

    [Fact]
    public void Evict_OldMinutes_AreForgotten()
    {
        // Arrange
        var ledger = new AuditLedger();
        ledger.Add(Report(new AuditEntry("ingest", AuditStage.In, Minute, 1, 1), new AuditEntry("ingest", AuditStage.In, Minute + 60_000, 1, 1)));

        // Act
        ledger.Evict(Minute + 60_000);

        // Assert
        Assert.Equal([Minute + 60_000], ledger.Range(0, long.MaxValue).Select(bucket => bucket.MinuteMs));
    }

    private static AuditReport Report(params AuditEntry[] entries) => new("test", 0, entries);
}

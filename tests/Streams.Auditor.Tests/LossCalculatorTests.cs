using Streams.Audit;
using Streams.Auditor.Loss;

namespace Streams.Auditor.Tests;

public class LossCalculatorTests
{
    [Fact]
    public void Compute_EveryHopPassesEverything_NoLossAnywhere()
    {
        // Arrange
        var events = Pipeline.Events(100);

        // Act
        var loss = LossCalculator.Compute(Pipeline.Clean(events).Totals, Pipeline.Hops, final: true, thresholdPercent: 1);

        // Assert
        Assert.All(loss.Hops, hop => Assert.Equal((100L, 100L, 0L, 0L, true), (hop.Expected, hop.Accounted, hop.Lost, hop.Surplus, hop.DigestMatches)));
        Assert.Equal(new EndToEndLoss(100, 100, 100, 0, 0, true), loss.EndToEnd);
        Assert.False(loss.Alert);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(Pipeline.Minute), loss.Minute);
    }

    [Fact]
    public void Compute_NormaliserDropsSeven_ShowsExactlySevenLostThereAndEndToEnd()
    {
        // Arrange
        var events = Pipeline.Events(200);
        var passed = events.Skip(7).ToList();
        var pipeline = new Pipeline()
            .At("ingest", AuditStage.In, events).At("ingest", AuditStage.Out, events)
            .At("normaliser", AuditStage.In, events).At("normaliser", AuditStage.Out, passed)
            .At("egress", AuditStage.In, passed).At("egress", AuditStage.Out, passed);

        // Act
        var loss = LossCalculator.Compute(pipeline.Totals, Pipeline.Hops, final: true, thresholdPercent: 1);

        // Assert
        Assert.Equal([0L, 7L, 0L], loss.Hops.Select(hop => hop.Lost));
        Assert.Equal(3.5, loss.Hops[1].LossPercent, 9);
        Assert.False(loss.Hops[1].DigestMatches);
        Assert.Equal(new EndToEndLoss(200, 193, 193, 7, 3.5, false), loss.EndToEnd);
        Assert.True(loss.Alert);
    }

    [Fact]
    public void Compute_DeadLetteredFilteredDuplicateAndRetried_AreAccountedNotLost()
    {
        // Arrange: ingest wrote e-0 twice (a sender retry); the normaliser suppressed the copy, dead-lettered e-1 and
        // filtered e-2; egress handed e-3 to a retry tier and dead-lettered e-4.
        var events = Pipeline.Events(10);
        var written = events.Append(events[0]).ToList();
        var normalised = events.Skip(3).Prepend(events[0]).ToList();
        var delivered = normalised.Where(e => e != events[3] && e != events[4]).ToList();
        var pipeline = new Pipeline()
            .At("ingest", AuditStage.In, written).At("ingest", AuditStage.Out, written)
            .At("normaliser", AuditStage.In, written).At("normaliser", AuditStage.Out, normalised)
            .At("normaliser", AuditStage.Duplicate, [events[0]]).At("normaliser", AuditStage.DeadLettered, [events[1]]).At("normaliser", AuditStage.Filtered, [events[2]])
            .At("egress", AuditStage.In, normalised).At("egress", AuditStage.Out, delivered)
            .At("egress", AuditStage.RetryHandedOff, [events[3]]).At("egress", AuditStage.DeadLettered, [events[4]]);

        // Act
        var loss = LossCalculator.Compute(pipeline.Totals, Pipeline.Hops, final: true, thresholdPercent: 1);

        // Assert
        Assert.All(loss.Hops, hop => Assert.Equal((0L, true), (hop.Lost, hop.DigestMatches)));
        Assert.Equal((1L, 1L, 1L), (loss.Hops[1].Duplicate, loss.Hops[1].DeadLettered, loss.Hops[1].Filtered));
        Assert.Equal((1L, 1L), (loss.Hops[2].RetryHandedOff, loss.Hops[2].DeadLettered));
        Assert.Equal(new EndToEndLoss(11, 6, 11, 0, 0, true), loss.EndToEnd);
    }

    [Fact]
    public void Compute_LossHiddenByADuplicate_ShowsThroughTheDigest()
    {
        // Arrange: egress lost e-5 but delivered e-6 twice, so its counts match the normaliser's.
        var events = Pipeline.Events(50);
        var delivered = events.Where(e => e != events[5]).Append(events[6]).ToList();
        var hidden = new Pipeline()
            .At("ingest", AuditStage.In, events).At("ingest", AuditStage.Out, events)
            .At("normaliser", AuditStage.In, events).At("normaliser", AuditStage.Out, events)
            .At("egress", AuditStage.In, events).At("egress", AuditStage.Out, delivered);

        // Act
        var loss = LossCalculator.Compute(hidden.Totals, Pipeline.Hops, final: true, thresholdPercent: 1);

        // Assert
        var egress = loss.Hops[2];
        Assert.Equal(egress.Expected, egress.Accounted);
        Assert.True(egress.HiddenLoss);
        Assert.False(egress.DigestMatches);
        Assert.Equal(1, egress.Lost);
        Assert.Equal(1, loss.EndToEnd.Lost);
        Assert.Equal(2.0, loss.EndToEnd.LossPercent, 9);
        Assert.True(loss.Alert);
    }

    [Fact]
    public void Compute_RedeliveredDuplicatesDownstream_SurplusNotLoss()
    {
        // Arrange: the normaliser crashed after producing and processed 4 events again.
        var events = Pipeline.Events(20);
        var produced = events.Concat(events.Take(4)).ToList();
        var pipeline = new Pipeline()
            .At("ingest", AuditStage.In, events).At("ingest", AuditStage.Out, events)
            .At("normaliser", AuditStage.In, produced).At("normaliser", AuditStage.Out, produced)
            .At("egress", AuditStage.In, produced).At("egress", AuditStage.Out, produced);

        // Act
        var loss = LossCalculator.Compute(pipeline.Totals, Pipeline.Hops, final: true, thresholdPercent: 1);

        // Assert
        Assert.Equal((0L, 4L, false), (loss.Hops[1].Lost, loss.Hops[1].Surplus, loss.Hops[1].HiddenLoss));
        Assert.Equal((0L, 0L, true), (loss.Hops[2].Lost, loss.Hops[2].Surplus, loss.Hops[2].DigestMatches));
        Assert.Equal(0, loss.EndToEnd.Lost);
        Assert.False(loss.Alert);
    }

    [Fact]
    public void Compute_SurplusAtOneHopAndLossAtAnother_TheLossStillCounts()
    {
        // Arrange
        var events = Pipeline.Events(100);
        var produced = events.Concat(events.Take(3)).ToList();
        var delivered = produced.Skip(3).ToList();
        var pipeline = new Pipeline()
            .At("ingest", AuditStage.In, events).At("ingest", AuditStage.Out, events)
            .At("normaliser", AuditStage.In, produced).At("normaliser", AuditStage.Out, produced)
            .At("egress", AuditStage.In, produced).At("egress", AuditStage.Out, delivered);

        // Act
        var loss = LossCalculator.Compute(pipeline.Totals, Pipeline.Hops, final: true, thresholdPercent: 5);

        // Assert
        Assert.Equal(3, loss.Hops[2].Lost);
        Assert.Equal(3, loss.EndToEnd.Lost);
        Assert.False(loss.Alert);
    }

    [Fact]
    public void Compute_HopThatReportedNothing_LosesEverythingExpectedOfIt()
    {
        // Arrange
        var events = Pipeline.Events(10);
        var pipeline = new Pipeline().At("ingest", AuditStage.In, events).At("ingest", AuditStage.Out, events);

        // Act
        var loss = LossCalculator.Compute(pipeline.Totals, Pipeline.Hops, final: false, thresholdPercent: 1);

        // Assert
        Assert.Equal([0L, 10L, 0L], loss.Hops.Select(hop => hop.Lost));
        Assert.Equal(100, loss.EndToEnd.LossPercent);
        Assert.False(loss.Final);
    }

    [Fact]
    public void Compute_LossExactlyAtTheThreshold_DoesNotAlert()
    {
        // Arrange
        var events = Pipeline.Events(100);
        var pipeline = new Pipeline()
            .At("ingest", AuditStage.In, events).At("ingest", AuditStage.Out, events)
            .At("normaliser", AuditStage.Out, events.Skip(1))
            .At("egress", AuditStage.Out, events.Skip(1));

        // Act
        var loss = LossCalculator.Compute(pipeline.Totals, Pipeline.Hops, final: true, thresholdPercent: 1);

        // Assert
        Assert.Equal(1, loss.EndToEnd.LossPercent, 9);
        Assert.False(loss.Alert);
    }

    [Fact]
    public void Compute_RetrierDeliversWhatEgressHandedOff_BranchRowBalancesNothingLost()
    {
        // Arrange: egress handed e-0..e-2 to a retry tier; the retrier delivered them.
        var events = Pipeline.Events(10);
        var retried = events.Take(3).ToList();
        var pipeline = Pipeline.Clean([.. events.Skip(3)])
            .At("ingest", AuditStage.In, retried).At("ingest", AuditStage.Out, retried)
            .At("normaliser", AuditStage.In, retried).At("normaliser", AuditStage.Out, retried)
            .At("egress", AuditStage.In, retried).At("egress", AuditStage.RetryHandedOff, retried)
            .At("retrier", AuditStage.In, retried).At("retrier", AuditStage.Out, retried);

        // Act
        var loss = LossCalculator.Compute(pipeline.Totals, Pipeline.Hops, final: true, thresholdPercent: 1, branchHops: ["retrier"]);

        // Assert
        var retrier = Assert.Single(loss.Hops, hop => hop.Hop == "retrier");
        Assert.Equal((3L, 3L, 3L, 3L, 0L, 0L, true), (retrier.In, retrier.Out, retrier.Expected, retrier.Accounted, retrier.Lost, retrier.Surplus, retrier.DigestMatches));
        Assert.All(loss.Hops, hop => Assert.Equal(0L, hop.Lost));
        Assert.Equal(new EndToEndLoss(10, 7, 10, 0, 0, true), loss.EndToEnd);
    }

    [Fact]
    public void Compute_RetrierLosesOne_LostAtTheBranchAndEndToEnd()
    {
        // Arrange: the retrier took in e-0 and e-1 from the retry tier and accounted for only e-0.
        var events = Pipeline.Events(2);
        var pipeline = new Pipeline()
            .At("ingest", AuditStage.In, events).At("ingest", AuditStage.Out, events)
            .At("normaliser", AuditStage.In, events).At("normaliser", AuditStage.Out, events)
            .At("egress", AuditStage.In, events).At("egress", AuditStage.RetryHandedOff, events)
            .At("retrier", AuditStage.In, events).At("retrier", AuditStage.Out, [events[0]]);

        // Act
        var loss = LossCalculator.Compute(pipeline.Totals, Pipeline.Hops, final: true, thresholdPercent: 1, branchHops: ["retrier"]);

        // Assert
        Assert.Equal([0L, 0L, 0L, 1L], loss.Hops.Select(hop => hop.Lost));
        Assert.Equal(1, loss.EndToEnd.Lost);
        Assert.True(loss.Alert);
    }
}

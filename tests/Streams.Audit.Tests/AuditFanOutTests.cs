namespace Streams.Audit.Tests;

public class AuditFanOutTests
{
    private const long Minute = 1_795_412_340_000;

    [Fact]
    public void Settle_EveryPartDelivered_RecordsOneOutAfterTheLastPart()
    {
        // Arrange
        var recorder = new AuditRecorder();
        var fanOut = recorder.FanOut("egress", Minute, 42, parts: 3);

        // Act
        fanOut.Settle(AuditStage.Out);
        fanOut.Settle(AuditStage.Out);
        var beforeLast = recorder.TakeSnapshot();
        fanOut.Settle(AuditStage.Out);
        fanOut.Settle(AuditStage.Out);

        // Assert
        Assert.Empty(beforeLast);
        Assert.Equal([new AuditEntry("egress", AuditStage.Out, Minute, 1, 42)], recorder.TakeSnapshot());
    }

    [Theory]
    [InlineData(AuditStage.RetryHandedOff, AuditStage.Out, AuditStage.RetryHandedOff)]
    [InlineData(AuditStage.DeadLettered, AuditStage.RetryHandedOff, AuditStage.DeadLettered)]
    [InlineData(AuditStage.Out, AuditStage.DeadLettered, AuditStage.DeadLettered)]
    public void Settle_MixedOutcomes_RecordsTheMostTellingStage(AuditStage first, AuditStage second, AuditStage recorded)
    {
        // Arrange
        var recorder = new AuditRecorder();
        var fanOut = recorder.FanOut("egress", Minute, 7, parts: 2);

        // Act
        fanOut.Settle(first);
        fanOut.Settle(second);

        // Assert
        Assert.Equal([new AuditEntry("egress", recorded, Minute, 1, 7)], recorder.TakeSnapshot());
    }

    [Fact]
    public void FanOut_NoParts_RecordsFilteredAtOnce()
    {
        // Arrange
        var recorder = new AuditRecorder();

        // Act
        recorder.FanOut("egress", Minute, 9, parts: 0);

        // Assert
        Assert.Equal([new AuditEntry("egress", AuditStage.Filtered, Minute, 1, 9)], recorder.TakeSnapshot());
    }
}

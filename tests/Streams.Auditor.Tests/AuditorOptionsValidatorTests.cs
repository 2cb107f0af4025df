namespace Streams.Auditor.Tests;

public class AuditorOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        // Act
        var result = new AuditorOptionsValidator().Validate(null, new AuditorOptions());

        // Assert
        Assert.True(result.Succeeded);
        Assert.Equal(["ingest", "normaliser", "egress"], new AuditorOptions().EffectiveHops);
        Assert.Equal(["retrier"], new AuditorOptions().EffectiveBranchHops);
    }

    [Fact]
    public void Validate_BranchHopOnTheMainLine_NamesTheBranchHop()
    {
        // Act
        var result = new AuditorOptionsValidator().Validate(null, new AuditorOptions { BranchHops = ["egress", "retrier", "retrier"] });

        // Assert
        Assert.Equal(
            [
                "Streams:Auditor:BranchHops:0 'egress' is a main-line hop (Hops); a hop is one or the other.",
                "Streams:Auditor:BranchHops:2 repeats 'retrier'.",
            ],
            result.Failures);
    }

    [Fact]
    public void Validate_BadSettings_NamesEachSetting()
    {
        // Arrange
        var options = new AuditorOptions
        {
            GroupId = " ",
            GracePeriodSeconds = -1,
            LossThresholdPercent = 101,
            EvaluateIntervalMs = 10,
            RatioWindowMinutes = 0,
            RetentionMinutes = 0,
            MaxQueryMinutes = 0,
            Hops = ["ingest", "e2e", "ingest", ""],
        };

        // Act
        var result = new AuditorOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(
            [
                "Streams:Auditor:GroupId is required.",
                "Streams:Auditor:GracePeriodSeconds must be at least 0, was -1.",
                "Streams:Auditor:LossThresholdPercent must be between 0 and 100, was 101.",
                "Streams:Auditor:EvaluateIntervalMs must be at least 100, was 10.",
                "Streams:Auditor:RatioWindowMinutes must be at least 1, was 0.",
                "Streams:Auditor:MaxQueryMinutes must be at least 1, was 0.",
                "Streams:Auditor:RetentionMinutes must be at least 2, was 0.",
                "Streams:Auditor:Hops:1 may not be 'e2e', which names the end-to-end row.",
                "Streams:Auditor:Hops:2 repeats 'ingest'.",
                "Streams:Auditor:Hops:3 must name a hop.",
            ],
            result.Failures);
    }
}

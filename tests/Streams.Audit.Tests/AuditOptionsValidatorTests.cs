namespace Streams.Audit.Tests;

public class AuditOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        // Act
        var result = new AuditOptionsValidator().Validate(null, new AuditOptions());

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_TooShortIntervals_NamesEachSetting()
    {
        // Arrange
        var options = new AuditOptions { FlushIntervalMs = 0, FlushTimeoutMs = -1 };

        // Act
        var result = new AuditOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(
            ["Streams:Audit:FlushIntervalMs must be at least 100, was 0.", "Streams:Audit:FlushTimeoutMs must be at least 100, was -1."],
            result.Failures);
    }
}

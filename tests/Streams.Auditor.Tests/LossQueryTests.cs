namespace Streams.Auditor.Tests;

public class LossQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 30, 0, TimeSpan.Zero);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public void Parse_NoArguments_TheLastHour()
    {
        // Act
        var (from, to, error) = LossQuery.Parse(null, null, Now, Day);

        // Assert
        Assert.Null(error);
        Assert.Equal((Now.AddHours(-1), Now), (from, to));
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z")]
    [InlineData("2026-11-23t11:00:00.5+01:00", "2026-11-23T10:00:00.5Z")]
    [InlineData("1795428000000", "2026-11-23T10:00:00Z")]
    public void Parse_Rfc3339OrEpochMilliseconds_Accepted(string text, string expected)
    {
        // Act
        var (from, _, error) = LossQuery.Parse(text, null, Now, Day);

        // Assert
        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), from);
    }

    [Theory]
    [InlineData("yesterday", null, "'from' must be an RFC 3339 time")]
    [InlineData("2026-11-23 10:00:00", null, "'from' must be an RFC 3339 time")]
    [InlineData("2026-11-23T10:00:00", null, "'from' must be an RFC 3339 time")]
    [InlineData("2026-02-30T10:00:00Z", null, "'from' must be an RFC 3339 time")]
    [InlineData(null, "1e9", "'to' must be an RFC 3339 time")]
    [InlineData("99999999999999999", null, "'from' must be an RFC 3339 time")]
    [InlineData("2026-11-23T10:20:00Z", "2026-11-23T10:10:00Z", "must not be after 'to'")]
    [InlineData("2026-11-21T10:00:00Z", "2026-11-23T10:00:00Z", "may span at most 1440 minutes")]
    public void Parse_BadArguments_ErrorNamesTheArgument(string? from, string? to, string problem)
    {
        // Act
        var (_, _, error) = LossQuery.Parse(from, to, Now, Day);

        // Assert
        Assert.NotNull(error);
        Assert.Contains(problem, error, StringComparison.Ordinal);
    }
}

using Streams.Ingest.CloudEvents;

namespace Streams.Ingest.Tests;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-11-23T10:00:00Z")]
    [InlineData("2026-11-23T10:00:00.123Z")]
    [InlineData("2026-11-23T10:00:00.123456789+05:30")]
    [InlineData("2026-11-23t10:00:00z")]
    [InlineData("1985-04-12T23:20:50.52-04:00")]
    public void TryParse_Rfc3339_Succeeds(string text)
    {
        // Act / Assert
        Assert.True(Rfc3339.TryParse(text, out _));
    }

    [Theory]
    [InlineData("2026-11-23")]
    [InlineData("2026-11-23 10:00:00Z")]
    [InlineData("2026-11-23T10:00:00")]
    [InlineData("2026-13-23T10:00:00Z")]
    [InlineData("2026-11-23T25:00:00Z")]
    [InlineData("23/11/2026 10:00")]
    [InlineData("1763900000")]
    public void TryParse_NotRfc3339_Fails(string text)
    {
        // Act / Assert
        Assert.False(Rfc3339.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_Offset_ConvertsToTheSameInstant()
    {
        // Act
        var parsed = Rfc3339.TryParse("2026-11-23T12:00:00+02:00", out var time);

        // Assert
        Assert.True(parsed);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), time.ToUniversalTime());
    }
}

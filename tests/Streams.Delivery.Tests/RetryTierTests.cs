using Streams.Delivery.Retries;

namespace Streams.Delivery.Tests;

public sealed class RetryTierTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("2d", 172_800_000)]
    [InlineData("250ms", 250)]
    public void TryParse_TierName_GivesItsDelay(string name, long milliseconds)
    {
        // Act
        var parsed = RetryTier.TryParse(name, out var tier);

        // Assert
        Assert.True(parsed);
        Assert.Equal(name, tier.Name);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), tier.Delay);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("0s")]
    [InlineData("-5m")]
    [InlineData("5 m")]
    [InlineData("1w")]
    public void TryParse_NotATierName_ReturnsFalse(string name)
    {
        // Act / Assert
        Assert.False(RetryTier.TryParse(name, out _));
    }
}

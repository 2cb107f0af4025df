
namespace Streams.LoadTest.Tests;

public sealed class LoadPlanTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(1000, 5)]
    [InlineData(20_000, 100)]
    [InlineData(500_000, 100)]
    public void DefaultBatchSize_ByRate_SingleEventsWhenQuietAtMostAHundred(int rate, int expected)
    {
        Assert.Equal(expected, LoadPlan.DefaultBatchSize(rate));
    }

    [Fact]
    public void Schedule_TwentyThousandASecondForTenSeconds_TwoHundredRequestsASecond()
    {
        // Act
        var plan = new LoadPlan(20_000, TimeSpan.FromSeconds(10), 100);

        // Assert
        Assert.Equal(2000, plan.Requests);
        Assert.Equal(200_000, plan.Events);
        Assert.Equal(TimeSpan.FromMilliseconds(5), plan.RequestInterval);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("2m", 120)]
    [InlineData("1.5", 1.5)]
    public void DurationArgument_Units_Parsed(string text, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationArgument.Parse("--duration", text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1s")]
    [InlineData("ten")]
    [InlineData("0")]
    public void DurationArgument_NotAPositiveDuration_UsageErrorNamingTheOption(string text)
    {
        var error = Assert.Throws<UsageException>(() => DurationArgument.Parse("--grace", text));
        Assert.Contains("--grace", error.Message, StringComparison.Ordinal);
    }
}

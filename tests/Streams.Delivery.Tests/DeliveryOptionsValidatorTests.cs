namespace Streams.Delivery.Tests;

public sealed class DeliveryOptionsValidatorTests
{
    [Fact]
    public void Validate_BatchLargerThanTheRateLimit_NamesTheBatchSize()
    {
        // Arrange
        var options = new DeliveryOptions
        {
            Subscriptions = [new SubscriptionOptions { Name = "slow", Url = "http://127.0.0.1:9/hook", BatchSize = 100, RateLimitPerSecond = 50 }],
        };

        // Act
        var result = new DeliveryOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Streams:Egress:Subscriptions:0:BatchSize must not exceed RateLimitPerSecond", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("LocalRetries", -1)]
    [InlineData("CircuitBreakMs", 100)]
    [InlineData("MaxRetryAfterMs", -1)]
    public void Validate_BadRetrySetting_NamesIt(string setting, int value)
    {
        // Arrange
        var subscription = new SubscriptionOptions { Name = "s", Url = "http://127.0.0.1:9/hook" };
        typeof(SubscriptionOptions).GetProperty(setting)!.SetValue(subscription, value);

        // Act
        var result = new DeliveryOptionsValidator().Validate(null, new DeliveryOptions { Subscriptions = [subscription] });

        // Assert
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith($"Streams:Egress:Subscriptions:0:{setting} ", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_Defaults_Pass()
    {
        // Act
        var result = new DeliveryOptionsValidator().Validate(null, new DeliveryOptions
        {
            Subscriptions = [new SubscriptionOptions { Name = "s", Url = "http://127.0.0.1:9/hook" }],
        });

        // Assert
        Assert.True(result.Succeeded);
    }
}

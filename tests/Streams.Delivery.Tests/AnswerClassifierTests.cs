using System.Net;
using System.Net.Http.Headers;

namespace Streams.Delivery.Tests;

public sealed class AnswerClassifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(200, DeliveryOutcomeKind.Delivered)]
    [InlineData(204, DeliveryOutcomeKind.Delivered)]
    [InlineData(429, DeliveryOutcomeKind.Retryable)]
    [InlineData(500, DeliveryOutcomeKind.Retryable)]
    [InlineData(503, DeliveryOutcomeKind.Retryable)]
    [InlineData(400, DeliveryOutcomeKind.Rejected)]
    [InlineData(401, DeliveryOutcomeKind.Rejected)]
    [InlineData(404, DeliveryOutcomeKind.Rejected)]
    [InlineData(410, DeliveryOutcomeKind.Rejected)]
    [InlineData(301, DeliveryOutcomeKind.Rejected)]
    [InlineData(308, DeliveryOutcomeKind.Rejected)]
    public void Classify_Status_FollowsTheDeliveryContract(int status, DeliveryOutcomeKind expected)
    {
        // Act
        var outcome = AnswerClassifier.Classify((HttpStatusCode)status, retryAfter: null, Now);

        // Assert
        Assert.Equal(expected, outcome.Kind);
        Assert.Equal(status, outcome.Status);
    }

    [Fact]
    public void Classify_429WithRetryAfterSeconds_CarriesTheDelay()
    {
        // Act
        var outcome = AnswerClassifier.Classify(HttpStatusCode.TooManyRequests, new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)), Now);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(7), outcome.RetryAfter);
    }

    [Fact]
    public void Classify_503WithRetryAfterDate_CarriesTheTimeUntilThen()
    {
        // Act
        var outcome = AnswerClassifier.Classify(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(Now.AddSeconds(30)), Now);

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(30), outcome.RetryAfter);
    }
}

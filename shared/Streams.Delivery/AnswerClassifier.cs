using System.Net;
using System.Net.Http.Headers;

namespace Streams.Delivery;

/// <summary>Turns a receiver's answer into a <see cref="DeliveryOutcome"/>.</summary>
public static class AnswerClassifier
{
    /// <summary>Classifies a status code, with the answer's Retry-After when it had one.</summary>
    public static DeliveryOutcome Classify(HttpStatusCode status, RetryConditionHeaderValue? retryAfter, DateTimeOffset now)
    {
        var code = (int)status;
        return code switch
        {
            >= 200 and < 300 => DeliveryOutcome.Delivered(code),
            429 or >= 500 => new DeliveryOutcome(DeliveryOutcomeKind.Retryable, code, $"HTTP {code}", RetryDelay(retryAfter, now)),
            _ => new DeliveryOutcome(DeliveryOutcomeKind.Rejected, code, $"HTTP {code} is not retryable"),
        };
    }

    /// <summary>No answer at all: always worth another try.</summary>
    public static DeliveryOutcome NoAnswer(string reason) => new(DeliveryOutcomeKind.Retryable, 0, reason);

    private static TimeSpan? RetryDelay(RetryConditionHeaderValue? retryAfter, DateTimeOffset now) => retryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}

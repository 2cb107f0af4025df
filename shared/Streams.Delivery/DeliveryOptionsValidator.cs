using Streams.Hosting;

namespace Streams.Delivery;

/// <summary>Rejects subscriptions (and the in-flight cap) that delivery cannot run with, naming the setting.</summary>
public sealed class DeliveryOptionsValidator() : SectionValidator<DeliveryOptions>(DeliveryOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(DeliveryOptions options, SettingErrors errors)
    {
        errors.AtLeast(nameof(options.MaxInFlight), options.MaxInFlight, 1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < options.Subscriptions.Count; index++)
        {
            var nested = new SettingErrors(errors.Key($"Subscriptions:{index}"));
            Validate(nested, options.Subscriptions[index], names);
            errors.Add(nested);
        }
    }

    private static void Validate(SettingErrors errors, SubscriptionOptions subscription, HashSet<string> names)
    {
        errors.Require(!string.IsNullOrWhiteSpace(subscription.Name), nameof(subscription.Name), "is required.");
        errors.Require(
            string.IsNullOrWhiteSpace(subscription.Name) || names.Add(subscription.Name),
            nameof(subscription.Name),
            $"'{subscription.Name}' is used by another subscription; names must be unique.");
        errors.HttpUrl(nameof(subscription.Url), subscription.Url);
        errors.Require(
            subscription.Secret.Length == 0 || WebhookSigner.TryParseSecret(subscription.Secret, out _),
            nameof(subscription.Secret),
            "must be 'whsec_' followed by base64 (Standard Webhooks).");
        errors.AtLeast(nameof(subscription.BatchSize), subscription.BatchSize, 1);
        errors.AtLeast(nameof(subscription.LingerMs), subscription.LingerMs, 0);
        errors.AtLeast(nameof(subscription.MaxInFlight), subscription.MaxInFlight, 1);
        errors.AtLeast(nameof(subscription.TimeoutMs), subscription.TimeoutMs, 1);
        errors.AtLeast(nameof(subscription.RateLimitPerSecond), subscription.RateLimitPerSecond, 0);
        // A batch takes its whole size from the limiter at once, so a batch larger than a second's
        // allowance would burst past the limit.
        errors.Require(
            subscription.RateLimitPerSecond == 0 || subscription.BatchSize <= subscription.RateLimitPerSecond,
            nameof(subscription.BatchSize),
            $"must not exceed RateLimitPerSecond ({subscription.RateLimitPerSecond}) when a rate limit is set, was {subscription.BatchSize}.");
        errors.AtLeast(nameof(subscription.LocalRetries), subscription.LocalRetries, 0);
        errors.AtLeast(nameof(subscription.RetryDelayMs), subscription.RetryDelayMs, 1);
        errors.AtLeast(nameof(subscription.MaxRetryAfterMs), subscription.MaxRetryAfterMs, 0);
        // Polly's circuit breaker refuses breaks shorter than half a second.
        errors.AtLeast(nameof(subscription.CircuitBreakMs), subscription.CircuitBreakMs, 500);
    }
}

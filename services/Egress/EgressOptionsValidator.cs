using Microsoft.Extensions.Options;
using Streams.Egress.Delivery;
using Streams.Hosting;

namespace Streams.Egress;

/// <summary>Rejects egress settings it cannot run with, naming the setting.</summary>
public sealed class EgressOptionsValidator : IValidateOptions<EgressOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EgressOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(EgressOptions.SectionName);
        errors.Require(!string.IsNullOrWhiteSpace(options.GroupId), nameof(options.GroupId), "is required.");
        errors.AtLeast(nameof(options.MaxRecordsPerCommit), options.MaxRecordsPerCommit, 1);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < options.Subscriptions.Count; index++)
        {
            var subscription = options.Subscriptions[index];
            var nested = new SettingErrors(errors.Key($"Subscriptions:{index}"));
            nested.Require(!string.IsNullOrWhiteSpace(subscription.Name), nameof(subscription.Name), "is required.");
            nested.Require(
                string.IsNullOrWhiteSpace(subscription.Name) || names.Add(subscription.Name),
                nameof(subscription.Name),
                $"'{subscription.Name}' is used by another subscription; names must be unique.");
            nested.HttpUrl(nameof(subscription.Url), subscription.Url);
            nested.Require(
                subscription.Secret.Length == 0 || WebhookSigner.TryParseSecret(subscription.Secret, out _),
                nameof(subscription.Secret),
                "must be 'whsec_' followed by base64 (Standard Webhooks).");
            nested.AtLeast(nameof(subscription.BatchSize), subscription.BatchSize, 1);
            nested.AtLeast(nameof(subscription.LingerMs), subscription.LingerMs, 0);
            nested.AtLeast(nameof(subscription.MaxInFlight), subscription.MaxInFlight, 1);
            nested.AtLeast(nameof(subscription.TimeoutMs), subscription.TimeoutMs, 1);
            nested.AtLeast(nameof(subscription.RateLimitPerSecond), subscription.RateLimitPerSecond, 0);
            errors.Add(nested);
        }

        return errors.Result();
    }
}

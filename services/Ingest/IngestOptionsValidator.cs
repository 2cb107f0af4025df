using Streams.Hosting;
using Streams.Ingest.Security;

namespace Streams.Ingest;

/// <summary>Rejects ingest settings it cannot run with, naming the setting.</summary>
public sealed class IngestOptionsValidator() : SectionValidator<IngestOptions>(IngestOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(IngestOptions options, SettingErrors errors)
    {
        errors.HttpUrl(nameof(options.Url), options.Url);
        errors.AtLeast(nameof(options.MaxBodyBytes), options.MaxBodyBytes, 1024);
        errors.AtLeast(nameof(options.MaxEventsPerRequest), options.MaxEventsPerRequest, 1);
        errors.AtLeast(nameof(options.MaxEventBytes), options.MaxEventBytes, 256);
        errors.AtLeast(nameof(options.MaxDepth), options.MaxDepth, 2);
        errors.AtLeast(nameof(options.AckTimeoutMs), options.AckTimeoutMs, 100);
        errors.Require(
            !options.RequireApiKey || options.ApiKeys.Count > 0,
            nameof(options.ApiKeys),
            "needs at least one key (Name, Sha256, Sources) while RequireApiKey is true.");
        for (var index = 0; index < options.ApiKeys.Count; index++)
        {
            var key = options.ApiKeys[index];
            var nested = new SettingErrors(errors.Key($"ApiKeys:{index}"));
            nested.Require(!string.IsNullOrWhiteSpace(key.Name), nameof(key.Name), "is required.");
            nested.Require(ApiKeyHash.TryParse(key.Sha256, out _), nameof(key.Sha256), "must be the key's SHA-256 as 64 hex digits.");
            nested.Require(key.Sources.Count > 0, nameof(key.Sources), "needs at least one source prefix ('*' allows any).");
            nested.AtLeast(nameof(key.RateLimitPerSecond), key.RateLimitPerSecond, 0);
            errors.Add(nested);
        }

    }
}

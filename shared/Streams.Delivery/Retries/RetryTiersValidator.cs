using Streams.Hosting;
using Streams.Kafka;

namespace Streams.Delivery.Retries;

/// <summary>Egress hands failing batches to the first retry tier, so the tiers must exist and say their delay.</summary>
public sealed class RetryTiersValidator() : SectionValidator<KafkaOptions>(TopicOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(KafkaOptions options, SettingErrors errors)
    {
        var tiers = options.Topics.RetryTiers;
        errors.Require(tiers.Count > 0, nameof(options.Topics.RetryTiers), "needs at least one tier, e.g. 30s.");
        for (var index = 0; index < tiers.Count; index++)
        {
            errors.Require(
                RetryTier.TryParse(tiers[index], out _),
                $"{nameof(options.Topics.RetryTiers)}:{index}",
                $"must be a whole number and a unit (ms, s, m, h, d) such as 30s, 5m or 1h, was '{tiers[index]}'.");
        }

    }
}

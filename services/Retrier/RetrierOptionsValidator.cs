using Streams.Delivery.Retries;
using Streams.Hosting;

namespace Streams.Retrier;

/// <summary>Rejects retrier settings it cannot run with, naming the setting.</summary>
public sealed class RetrierOptionsValidator() : SectionValidator<RetrierOptions>(RetrierOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(RetrierOptions options, SettingErrors errors)
    {
        errors.Require(!string.IsNullOrWhiteSpace(options.GroupId), nameof(options.GroupId), "is required.");
        errors.AtLeast(nameof(options.MaxAttempts), options.MaxAttempts, 1);
        errors.AtLeast(nameof(options.MaxBatchRecords), options.MaxBatchRecords, 1);
        errors.Require(options.MaxAge > TimeSpan.Zero, nameof(options.MaxAge), $"must be a positive time span such as 1.00:00:00, was {options.MaxAge}.");
        for (var index = 0; index < options.Tiers.Count; index++)
        {
            errors.Require(RetryTier.TryParse(options.Tiers[index], out _), $"{nameof(options.Tiers)}:{index}", $"'{options.Tiers[index]}' is not a delay such as 30s, 5m or 1h.");
        }

    }
}

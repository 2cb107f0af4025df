using Streams.Hosting;

namespace Streams.Auditor;

/// <summary>Rejects auditor settings it cannot run with, naming the setting.</summary>
public sealed class AuditorOptionsValidator() : SectionValidator<AuditorOptions>(AuditorOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(AuditorOptions options, SettingErrors errors)
    {
        errors.Require(!string.IsNullOrWhiteSpace(options.GroupId), nameof(options.GroupId), "is required.");
        errors.AtLeast(nameof(options.GracePeriodSeconds), options.GracePeriodSeconds, 0);
        errors.Require(
            options.LossThresholdPercent is >= 0 and <= 100,
            nameof(options.LossThresholdPercent),
            $"must be between 0 and 100, was {options.LossThresholdPercent}.");
        errors.AtLeast(nameof(options.EvaluateIntervalMs), options.EvaluateIntervalMs, 100);
        errors.AtLeast(nameof(options.RatioWindowMinutes), options.RatioWindowMinutes, 1);
        errors.AtLeast(nameof(options.MaxQueryMinutes), options.MaxQueryMinutes, 1);
        // Minutes must outlive their grace period, or they would be dropped before they are judged.
        errors.AtLeast(nameof(options.RetentionMinutes), options.RetentionMinutes, Math.Max(options.RatioWindowMinutes, (options.GracePeriodSeconds / 60) + 2));
        for (var index = 0; index < options.Hops.Count; index++)
        {
            var hop = options.Hops[index];
            errors.Require(!string.IsNullOrWhiteSpace(hop), $"Hops:{index}", "must name a hop.");
            errors.Require(hop != AuditorOptions.EndToEnd, $"Hops:{index}", $"may not be '{AuditorOptions.EndToEnd}', which names the end-to-end row.");
            errors.Require(options.Hops.IndexOf(hop) == index, $"Hops:{index}", $"repeats '{hop}'.");
        }

        for (var index = 0; index < options.BranchHops.Count; index++)
        {
            var hop = options.BranchHops[index];
            errors.Require(!string.IsNullOrWhiteSpace(hop), $"BranchHops:{index}", "must name a hop.");
            errors.Require(hop != AuditorOptions.EndToEnd, $"BranchHops:{index}", $"may not be '{AuditorOptions.EndToEnd}', which names the end-to-end row.");
            errors.Require(!options.EffectiveHops.Contains(hop), $"BranchHops:{index}", $"'{hop}' is a main-line hop (Hops); a hop is one or the other.");
            errors.Require(options.BranchHops.IndexOf(hop) == index, $"BranchHops:{index}", $"repeats '{hop}'.");
        }

    }
}

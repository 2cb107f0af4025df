using Streams.Hosting;

namespace Streams.Egress;

/// <summary>Rejects egress consumer settings it cannot run with, naming the setting (subscriptions: <see cref="Streams.Delivery.DeliveryOptionsValidator"/>).</summary>
public sealed class EgressOptionsValidator() : SectionValidator<EgressOptions>(EgressOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(EgressOptions options, SettingErrors errors)
    {
        errors.Require(!string.IsNullOrWhiteSpace(options.GroupId), nameof(options.GroupId), "is required.");
        errors.AtLeast(nameof(options.MaxUncommittedRecords), options.MaxUncommittedRecords, 1);
        errors.AtLeast(nameof(options.CommitIntervalMs), options.CommitIntervalMs, 1);
        errors.AtLeast(nameof(options.DrainTimeoutMs), options.DrainTimeoutMs, 0);
    }
}

using Streams.Hosting;

namespace Streams.Receipts;

/// <summary>Rejects receipt settings it cannot run with, naming the setting.</summary>
public sealed class ReceiptOptionsValidator() : SectionValidator<ReceiptOptions>(ReceiptOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(ReceiptOptions options, SettingErrors errors)
    {
        errors.AtLeast(nameof(options.RetentionMs), options.RetentionMs, 60_000);
        errors.AtLeast(nameof(options.MaxEvents), options.MaxEvents, 1);
        errors.AtLeast(nameof(options.LingerMs), options.LingerMs, 0);
    }
}

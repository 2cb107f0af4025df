using Streams.Hosting;

namespace Streams.Audit;

/// <summary>Rejects audit settings it cannot run with, naming the setting.</summary>
public sealed class AuditOptionsValidator() : SectionValidator<AuditOptions>(AuditOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(AuditOptions options, SettingErrors errors)
    {
        errors.AtLeast(nameof(options.FlushIntervalMs), options.FlushIntervalMs, 100);
        errors.AtLeast(nameof(options.FlushTimeoutMs), options.FlushTimeoutMs, 100);
    }
}

using Microsoft.Extensions.Options;
using Streams.Hosting;

namespace Streams.Audit;

/// <summary>Rejects audit settings it cannot run with, naming the setting.</summary>
public sealed class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(AuditOptions.SectionName);
        errors.AtLeast(nameof(options.FlushIntervalMs), options.FlushIntervalMs, 100);
        errors.AtLeast(nameof(options.FlushTimeoutMs), options.FlushTimeoutMs, 100);
        return errors.Result();
    }
}

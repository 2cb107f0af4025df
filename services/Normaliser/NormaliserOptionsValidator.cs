using Microsoft.Extensions.Options;
using Streams.Hosting;

namespace Streams.Normaliser;

/// <summary>Rejects normaliser settings it cannot run with, naming the setting.</summary>
public sealed class NormaliserOptionsValidator : IValidateOptions<NormaliserOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, NormaliserOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(NormaliserOptions.SectionName);
        errors.Require(!string.IsNullOrWhiteSpace(options.GroupId), nameof(options.GroupId), "is required.");
        errors.AtLeast(nameof(options.BatchSize), options.BatchSize, 1);
        errors.AtLeast(nameof(options.LingerMs), options.LingerMs, 0);
        return errors.Result();
    }
}

using Microsoft.Extensions.Options;

namespace Streams.Hosting;

/// <summary>
/// Validates one configuration section at start-up: subclasses only say what is wrong, through
/// <see cref="SettingErrors"/>, so every message names the full key of the setting at fault.
/// </summary>
/// <typeparam name="TOptions">The options type bound to the section.</typeparam>
/// <param name="section">The section's key, e.g. <c>Streams:Egress</c>.</param>
public abstract class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(section);
        Check(options, errors);
        return errors.Result();
    }

    /// <summary>Records every problem with <paramref name="options"/> in <paramref name="errors"/>.</summary>
    protected abstract void Check(TOptions options, SettingErrors errors);
}

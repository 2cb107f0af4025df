using Microsoft.Extensions.Options;

namespace Streams.Hosting;

/// <summary>
/// Collects what is wrong with a configuration section, each message naming the full setting key
/// (e.g. <c>Streams:Egress:Subscriptions:0:BatchSize</c>) so an operator can find it.
/// </summary>
/// <param name="section">The section's key, prefixed to every setting name.</param>
public sealed class SettingErrors(string section)
{
    private readonly List<string> _errors = [];

    /// <summary>The full key of a setting in this section.</summary>
    public string Key(string setting) => $"{section}:{setting}";

    /// <summary>Records an error unless <paramref name="valid"/> holds.</summary>
    public void Require(bool valid, string setting, string problem)
    {
        if (!valid)
        {
            _errors.Add($"{Key(setting)} {problem}");
        }
    }

    /// <summary>Requires a whole number of at least <paramref name="minimum"/>.</summary>
    public void AtLeast(string setting, long value, long minimum) =>
        Require(value >= minimum, setting, $"must be at least {minimum}, was {value}.");

    /// <summary>Requires an absolute http or https URL.</summary>
    public void HttpUrl(string setting, string? value) =>
        Require(
            Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https",
            setting,
            $"must be an absolute http(s) URL such as http://127.0.0.1:8080/hook, was '{value}'.");

    /// <summary>Adds the errors of a nested section, such as one element of a list.</summary>
    public void Add(SettingErrors nested)
    {
        ArgumentNullException.ThrowIfNull(nested);
        _errors.AddRange(nested._errors);
    }

    /// <summary>The validation result: success when nothing was recorded.</summary>
    public ValidateOptionsResult Result() =>
        _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}

using Microsoft.Extensions.Options;
using Streams.Hosting;

namespace Streams.Logging;

/// <summary>Rejects logging settings it cannot run with, naming the setting.</summary>
public sealed class StreamsLoggingOptionsValidator : IValidateOptions<StreamsLoggingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StreamsLoggingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(StreamsLoggingOptions.SectionName);
        errors.Require(options.Format is "json" or "text", nameof(options.Format), $"must be 'json' or 'text', was '{options.Format}'.");
        return errors.Result();
    }
}

using Streams.Hosting;

namespace Streams.Logging;

/// <summary>Rejects logging settings it cannot run with, naming the setting.</summary>
public sealed class StreamsLoggingOptionsValidator() : SectionValidator<StreamsLoggingOptions>(StreamsLoggingOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(StreamsLoggingOptions options, SettingErrors errors)
    {
        errors.Require(options.Format is "json" or "text", nameof(options.Format), $"must be 'json' or 'text', was '{options.Format}'.");
    }
}

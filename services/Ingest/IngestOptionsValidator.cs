using Microsoft.Extensions.Options;
using Streams.Hosting;

namespace Streams.Ingest;

/// <summary>Rejects ingest settings it cannot run with, naming the setting.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(IngestOptions.SectionName);
        errors.HttpUrl(nameof(options.Url), options.Url);
        errors.AtLeast(nameof(options.MaxBodyBytes), options.MaxBodyBytes, 1024);
        errors.AtLeast(nameof(options.MaxEventsPerRequest), options.MaxEventsPerRequest, 1);
        errors.AtLeast(nameof(options.MaxEventBytes), options.MaxEventBytes, 256);
        errors.AtLeast(nameof(options.MaxDepth), options.MaxDepth, 2);
        errors.AtLeast(nameof(options.AckTimeoutMs), options.AckTimeoutMs, 100);
        return errors.Result();
    }
}

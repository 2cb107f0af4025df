using Microsoft.Extensions.Options;
using Streams.Hosting;

namespace Streams.Envelope;

/// <summary>Rejects envelope and registry client settings a service cannot run with, naming the setting.</summary>
public sealed class EnvelopeOptionsValidator : IValidateOptions<EnvelopeOptions>, IValidateOptions<SchemaRegistryClientOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, EnvelopeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(EnvelopeOptions.SectionName);
        errors.AtLeast(nameof(options.SchemaId), options.SchemaId ?? 0, 0);
        errors.AtLeast(nameof(options.StartupTimeoutMs), options.StartupTimeoutMs, 100);
        return errors.Result();
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SchemaRegistryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(SchemaRegistryClientOptions.SectionName);
        errors.HttpUrl(nameof(options.Url), options.Url);
        errors.AtLeast(nameof(options.RequestTimeoutMs), options.RequestTimeoutMs, 100);
        return errors.Result();
    }
}

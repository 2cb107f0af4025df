using Microsoft.Extensions.Options;
using Streams.Hosting;

namespace Streams.SchemaRegistry;

/// <summary>Rejects registry settings the role cannot run with, naming the setting.</summary>
public sealed class SchemaRegistryOptionsValidator : IValidateOptions<SchemaRegistryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SchemaRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new SettingErrors(SchemaRegistryOptions.SectionName);
        errors.Require(!string.IsNullOrWhiteSpace(options.Topic), nameof(options.Topic), "is required.");
        errors.AtLeast(nameof(options.InitTimeoutMs), options.InitTimeoutMs, 100);
        errors.AtLeast(nameof(options.WriteTimeoutMs), options.WriteTimeoutMs, 100);
        return errors.Result();
    }
}

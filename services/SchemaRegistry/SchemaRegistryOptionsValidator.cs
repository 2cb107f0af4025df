using Streams.Hosting;

namespace Streams.SchemaRegistry;

/// <summary>Rejects registry settings the role cannot run with, naming the setting.</summary>
public sealed class SchemaRegistryOptionsValidator() : SectionValidator<SchemaRegistryOptions>(SchemaRegistryOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(SchemaRegistryOptions options, SettingErrors errors)
    {
        errors.Require(!string.IsNullOrWhiteSpace(options.Topic), nameof(options.Topic), "is required.");
        errors.AtLeast(nameof(options.InitTimeoutMs), options.InitTimeoutMs, 100);
        errors.AtLeast(nameof(options.WriteTimeoutMs), options.WriteTimeoutMs, 100);
    }
}

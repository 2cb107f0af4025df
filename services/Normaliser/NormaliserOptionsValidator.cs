using Streams.Hosting;
using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser;

/// <summary>Rejects normaliser settings it cannot run with, naming the setting.</summary>
public sealed class NormaliserOptionsValidator() : SectionValidator<NormaliserOptions>(NormaliserOptions.SectionName)
{
    /// <inheritdoc />
    protected override void Check(NormaliserOptions options, SettingErrors errors)
    {
        errors.Require(!string.IsNullOrWhiteSpace(options.GroupId), nameof(options.GroupId), "is required.");
        errors.AtLeast(nameof(options.BatchSize), options.BatchSize, 1);
        errors.AtLeast(nameof(options.LingerMs), options.LingerMs, 0);
        errors.AtLeast(nameof(options.MaxEventBytes), options.MaxEventBytes, 1024);
        errors.AtLeast(nameof(options.MaxExtensionNameLength), options.MaxExtensionNameLength, CanonicalForm.IngestTimeAttribute.Length);
        errors.AtLeast(nameof(options.MaxTypeLabels), options.MaxTypeLabels, 1);
        errors.Require(options.Dedup.Window >= TimeSpan.FromSeconds(1), "Dedup:Window", $"must be at least 00:00:01, was {options.Dedup.Window}.");
        errors.AtLeast("Dedup:MaxIdsPerPartition", options.Dedup.MaxIdsPerPartition, 1);
        ValidateSchemas(errors, options.Schemas);
        for (var index = 0; index < options.Rules.Count; index++)
        {
            errors.Add(NormaliserRuleValidator.Validate(options.Rules[index], $"{NormaliserOptions.SectionName}:Rules:{index}", options.MaxExtensionNameLength));
        }

    }

    private static void ValidateSchemas(SettingErrors errors, SchemaOptions schemas)
    {
        if (schemas.Folder.Length == 0)
        {
            return;
        }

        if (!Directory.Exists(schemas.Folder))
        {
            errors.Require(false, "Schemas:Folder", $"must be an existing folder, was '{schemas.Folder}' (resolved to '{Path.GetFullPath(schemas.Folder)}').");
            return;
        }

        foreach (var file in Directory.EnumerateFiles(schemas.Folder, "*.json"))
        {
            try
            {
                PayloadSchemas.LoadFile(file);
            }
            catch (InvalidDataException exception)
            {
                errors.Require(false, "Schemas:Folder", $"holds an unusable schema: {exception.Message}");
            }
        }
    }
}

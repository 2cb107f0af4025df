using Streams.Envelope;
using Streams.Hosting;
using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser;

/// <summary>Checks one <c>Streams:Normaliser:Rules:N</c> element, naming each bad key.</summary>
public static class NormaliserRuleValidator
{
    /// <summary>The problems of <paramref name="rule"/>, keyed under <paramref name="section"/>.</summary>
    public static SettingErrors Validate(NormaliserRuleOptions rule, string section, int maxNameLength)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new SettingErrors(section);
        var hasChanges = rule.MapTypeTo.Length > 0 || rule.RenameAttributes.Count > 0 || rule.DropAttributes.Count > 0
            || rule.SetDefaults.Count > 0 || rule.RenameData.Count > 0 || rule.DropData.Count > 0 || rule.SetDataDefaults.Count > 0;
        errors.Require(
            !rule.Drop || rule.Source.Length > 0 || rule.Type.Length > 0,
            nameof(rule.Drop),
            "would drop every event: give the rule a Source prefix or a Type.");
        errors.Require(!rule.Drop || !hasChanges, nameof(rule.Drop), "cannot be combined with other actions: a dropped event is not changed.");
        errors.Require(rule.Drop || hasChanges, nameof(rule.Drop), "is false and the rule has no action: set Drop, MapTypeTo, RenameAttributes, DropAttributes, SetDefaults, RenameData, DropData or SetDataDefaults.");
        foreach (var (from, to) in rule.RenameAttributes)
        {
            var key = $"{nameof(rule.RenameAttributes)}:{from}";
            errors.Require(!AttributeNames.Required.Contains(from), key, $"renames the required attribute '{from}'.");
            errors.Require(
                CloudEventReader.IsAttributeName(to, maxNameLength) && !AttributeNames.Required.Contains(to),
                key,
                $"must name a new attribute of 1-{maxNameLength} characters a-z0-9 other than specversion, id, source and type, was '{to}'.");
        }

        for (var index = 0; index < rule.DropAttributes.Count; index++)
        {
            var name = rule.DropAttributes[index];
            errors.Require(!AttributeNames.Required.Contains(name), $"{nameof(rule.DropAttributes)}:{index}", $"drops the required attribute '{name}'.");
        }

        foreach (var name in rule.SetDefaults.Keys)
        {
            errors.Require(
                CloudEventReader.IsAttributeName(name, maxNameLength) && name is not ("specversion" or "data" or "time"),
                $"{nameof(rule.SetDefaults)}:{name}",
                $"must name an attribute of 1-{maxNameLength} characters a-z0-9 other than specversion and time.");
        }

        foreach (var (from, to) in rule.RenameData)
        {
            errors.Require(
                DataPath.TryParse(from) is not null && to.Length > 0 && !to.Contains('.', StringComparison.Ordinal),
                $"{nameof(rule.RenameData)}:{from}",
                $"must map a dotted path to a new field name (no dots), was '{to}'.");
        }

        for (var index = 0; index < rule.DropData.Count; index++)
        {
            errors.Require(DataPath.TryParse(rule.DropData[index]) is not null, $"{nameof(rule.DropData)}:{index}", $"must be a dotted path such as customer.id, was '{rule.DropData[index]}'.");
        }

        foreach (var path in rule.SetDataDefaults.Keys)
        {
            errors.Require(DataPath.TryParse(path) is not null, $"{nameof(rule.SetDataDefaults)}:{path}", "must be a dotted path such as customer.id.");
        }

        return errors;
    }
}

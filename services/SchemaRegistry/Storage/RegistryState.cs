using Streams.SchemaRegistry.Compatibility;

namespace Streams.SchemaRegistry.Storage;

/// <summary>
/// The registry's state: the fold of the <c>_schemas</c> topic in offset order, so every replica that has read the
/// same records holds the same state. Not thread-safe; <see cref="SchemaStore"/> guards it.
/// </summary>
/// <remarks>
/// A record that contradicts what is already there — another schema under a taken subject version, or a taken id for
/// another schema, as two writers racing could produce — is refused by every replica alike, and the writer that
/// produced it sees that when it reads its record back.
/// </remarks>
internal sealed class RegistryState
{
    private readonly Dictionary<string, SortedDictionary<int, SchemaVersion>> _subjects = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _schemasById = [];
    private readonly Dictionary<string, int> _idsBySchema = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompatibilityLevel> _subjectLevels = new(StringComparer.Ordinal);

    public CompatibilityLevel GlobalLevel { get; private set; } = CompatibilityLevels.Default;

    /// <summary>Applies one record; false when it contradicts the state and is ignored.</summary>
    public bool Apply(SchemaLogRecord record)
    {
        switch (record)
        {
            case SchemaLogRecord.ConfigRecord { Subject: null, Level: { } level }:
                GlobalLevel = level;
                return true;
            case SchemaLogRecord.ConfigRecord { Subject: null }:
                GlobalLevel = CompatibilityLevels.Default;
                return true;
            case SchemaLogRecord.ConfigRecord { Subject: { } subject, Level: { } level }:
                _subjectLevels[subject] = level;
                return true;
            case SchemaLogRecord.ConfigRecord { Subject: { } subject }:
                _subjectLevels.Remove(subject);
                return true;
            case SchemaLogRecord.SchemaRecord { Value: null } tombstone:
                // A permanent delete; the id stays resolvable, as records written with it may still be on topics.
                if (_subjects.TryGetValue(tombstone.Subject, out var versions))
                {
                    versions.Remove(tombstone.Version);
                }

                return true;
            case SchemaLogRecord.SchemaRecord { Value: { } entry }:
                return ApplyVersion(entry);
            default:
                return false;
        }
    }

    private bool ApplyVersion(SchemaVersion entry)
    {
        if (_schemasById.TryGetValue(entry.Id, out var schema) && schema != entry.Schema)
        {
            return false;
        }

        if (!_subjects.TryGetValue(entry.Subject, out var versions))
        {
            versions = [];
            _subjects[entry.Subject] = versions;
        }

        if (versions.TryGetValue(entry.Version, out var existing) && existing.Id != entry.Id)
        {
            return false;
        }

        versions[entry.Version] = entry;
        _schemasById[entry.Id] = entry.Schema;
        _idsBySchema.TryAdd(entry.Schema, entry.Id);
        return true;
    }

    public bool TryGetSchema(int id, out string schema) => _schemasById.TryGetValue(id, out schema!);

    public int? IdOf(string schema) => _idsBySchema.TryGetValue(schema, out var id) ? id : null;

    public int NextId() => _schemasById.Count == 0 ? 1 : _schemasById.Keys.Max() + 1;

    /// <summary>Version numbers are never reused, not even after a soft delete, as in Confluent's registry.</summary>
    public int NextVersion(string subject) =>
        _subjects.TryGetValue(subject, out var versions) && versions.Count > 0 ? versions.Keys.Max() + 1 : 1;

    public IEnumerable<string> Subjects(bool includeDeleted) =>
        _subjects.Where(pair => pair.Value.Values.Any(v => includeDeleted || !v.Deleted)).Select(pair => pair.Key).Order(StringComparer.Ordinal);

    /// <summary>The subject's versions, oldest first; empty when the subject is unknown.</summary>
    public IReadOnlyList<SchemaVersion> Versions(string subject, bool includeDeleted) =>
        _subjects.TryGetValue(subject, out var versions) ? [.. versions.Values.Where(v => includeDeleted || !v.Deleted)] : [];

    public CompatibilityLevel? SubjectLevel(string subject) => _subjectLevels.TryGetValue(subject, out var level) ? level : null;

    public CompatibilityLevel EffectiveLevel(string subject) => SubjectLevel(subject) ?? GlobalLevel;
}

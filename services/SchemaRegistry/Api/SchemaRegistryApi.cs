using System.Collections.Concurrent;
using System.Text.Json;
using Avro;
using Microsoft.Extensions.Options;
using Streams.SchemaRegistry.Compatibility;
using Streams.SchemaRegistry.Storage;

namespace Streams.SchemaRegistry.Api;

/// <summary>
/// The registry's operations, with Confluent's semantics and error codes. Reads answer from this replica's state;
/// writes are serialised within the replica, see every record written so far by any replica first, and answer only
/// once their records are on the topic and applied.
/// </summary>
internal sealed class SchemaRegistryApi(SchemaStore store, IOptions<SchemaRegistryOptions> options) : IDisposable
{
    /// <summary>A lost race with another replica's write is retried this many times.</summary>
    private const int RegisterAttempts = 5;

    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly ConcurrentDictionary<string, Schema> _parsed = new(StringComparer.Ordinal);

    public async Task<int> RegisterAsync(string subject, JsonElement body, CancellationToken cancellationToken)
    {
        var request = SchemaRequest.Read(body);
        for (var attempt = 0; attempt < RegisterAttempts; attempt++)
        {
            var (id, version) = await WriteAsync<(int Id, int? Version)>(
                state =>
                {
                    var live = state.Versions(subject, includeDeleted: false);
                    if (live.FirstOrDefault(v => v.Schema == request.Text) is { } existing)
                    {
                        return ((existing.Id, (int?)null), []);
                    }

                    var problems = CompatibilityChecker.Check(request.Schema, Parsed(live), state.EffectiveLevel(subject));
                    if (problems.Count > 0)
                    {
                        throw RegistryException.Incompatible(problems);
                    }

                    var entry = new SchemaVersion(subject, state.NextVersion(subject), state.IdOf(request.Text) ?? state.NextId(), request.Text, Deleted: false);
                    return ((entry.Id, entry.Version), [(SchemaLogFormat.SchemaKey(subject, entry.Version), SchemaLogFormat.SchemaValue(entry))]);
                },
                cancellationToken).ConfigureAwait(false);
            if (version is null || store.Read(state => state.Versions(subject, includeDeleted: true).Any(v => v.Version == version && v.Id == id)))
            {
                return id;
            }
        }

        throw new RegistryException(500, 50001, $"Registering under '{subject}' kept losing races with other replicas' writes.");
    }

    public async Task<SchemaVersion> LookupAsync(string subject, JsonElement body, bool includeDeleted, CancellationToken cancellationToken)
    {
        var request = SchemaRequest.Read(body);
        await store.WhenReadyAsync(cancellationToken).ConfigureAwait(false);
        var versions = store.Read(state => state.Versions(subject, includeDeleted));
        if (versions.Count == 0)
        {
            throw RegistryException.SubjectNotFound(subject);
        }

        return versions.LastOrDefault(v => v.Schema == request.Text) ?? throw RegistryException.SchemaNotFound($"the schema is not registered under subject '{subject}'");
    }

    public async Task<string> GetSchemaAsync(int id, CancellationToken cancellationToken)
    {
        await store.WhenReadyAsync(cancellationToken).ConfigureAwait(false);
        return store.Read(state => state.TryGetSchema(id, out var schema) ? schema : null) ?? throw RegistryException.SchemaNotFound($"no schema has id {id}");
    }

    public async Task<IReadOnlyList<string>> SubjectsAsync(bool includeDeleted, CancellationToken cancellationToken)
    {
        await store.WhenReadyAsync(cancellationToken).ConfigureAwait(false);
        return store.Read(state => state.Subjects(includeDeleted).ToList());
    }

    public async Task<IReadOnlyList<int>> VersionsAsync(string subject, bool includeDeleted, CancellationToken cancellationToken)
    {
        await store.WhenReadyAsync(cancellationToken).ConfigureAwait(false);
        var versions = store.Read(state => state.Versions(subject, includeDeleted));
        return versions.Count > 0 ? [.. versions.Select(v => v.Version)] : throw RegistryException.SubjectNotFound(subject);
    }

    public async Task<SchemaVersion> GetVersionAsync(string subject, string version, bool includeDeleted, CancellationToken cancellationToken)
    {
        var selector = VersionSelector.Parse(version);
        await store.WhenReadyAsync(cancellationToken).ConfigureAwait(false);
        return store.Read(state => Find(state, subject, selector, includeDeleted));
    }

    public async Task<IReadOnlyList<string>> CheckCompatibilityAsync(string subject, string? version, JsonElement body, CancellationToken cancellationToken)
    {
        var selector = version is null ? (VersionSelector?)null : VersionSelector.Parse(version);
        var request = SchemaRequest.Read(body);
        await store.WhenReadyAsync(cancellationToken).ConfigureAwait(false);
        return store.Read(state =>
        {
            var level = state.EffectiveLevel(subject);
            if (selector is not { } one)
            {
                return CompatibilityChecker.Check(request.Schema, Parsed(state.Versions(subject, includeDeleted: false)), level);
            }

            var against = Find(state, subject, one, includeDeleted: false);
            // Against one given version, the level says only the direction.
            return CompatibilityChecker.Check(request.Schema, Parsed([against]), level);
        });
    }

    public async Task<CompatibilityLevel> GetLevelAsync(string? subject, bool defaultToGlobal, CancellationToken cancellationToken)
    {
        await store.WhenReadyAsync(cancellationToken).ConfigureAwait(false);
        return store.Read(state => subject is null
            ? state.GlobalLevel
            : state.SubjectLevel(subject) ?? (defaultToGlobal
                ? state.GlobalLevel
                : throw new RegistryException(404, 40408, $"Subject '{subject}' does not have subject-level compatibility configured.")));
    }

    public async Task<CompatibilityLevel> SetLevelAsync(string? subject, JsonElement body, CancellationToken cancellationToken)
    {
        var name = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("compatibility", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (!CompatibilityLevels.TryParse(name, out var level))
        {
            throw RegistryException.InvalidCompatibilityLevel(name);
        }

        return await WriteAsync<CompatibilityLevel>(_ => (level, [(SchemaLogFormat.ConfigKey(subject), SchemaLogFormat.ConfigValue(level))]), cancellationToken).ConfigureAwait(false);
    }

    public Task<CompatibilityLevel> DeleteLevelAsync(string subject, CancellationToken cancellationToken) =>
        WriteAsync<CompatibilityLevel>(
            state => (state.SubjectLevel(subject) ?? throw RegistryException.SubjectNotFound(subject), [(SchemaLogFormat.ConfigKey(subject), null)]),
            cancellationToken);

    public Task<IReadOnlyList<int>> DeleteSubjectAsync(string subject, bool permanent, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<int>>(
            state =>
            {
                var all = state.Versions(subject, includeDeleted: true);
                if (all.Count == 0)
                {
                    throw RegistryException.SubjectNotFound(subject);
                }

                var live = all.Where(v => !v.Deleted).ToList();
                if (permanent && live.Count > 0)
                {
                    throw new RegistryException(404, 40405, $"Subject '{subject}' was not deleted first before being permanently deleted.");
                }

                if (!permanent && live.Count == 0)
                {
                    throw new RegistryException(404, 40404, $"Subject '{subject}' was soft deleted. Set permanent=true to delete permanently.");
                }

                var targets = permanent ? all : live;
                return ([.. targets.Select(v => v.Version)], [.. targets.Select(v => Deletion(v, permanent))]);
            },
            cancellationToken);

    public Task<int> DeleteVersionAsync(string subject, string version, bool permanent, CancellationToken cancellationToken)
    {
        var selector = VersionSelector.Parse(version);
        return WriteAsync<int>(
            state =>
            {
                // A number names a version whether soft-deleted or not; "latest" means the latest live one unless deleting for good.
                var target = Find(state, subject, selector, includeDeleted: permanent || !selector.IsLatest);
                if (!permanent && target.Deleted)
                {
                    throw new RegistryException(404, 40406, $"Subject '{subject}' Version {target.Version} was soft deleted. Set permanent=true to delete permanently.");
                }

                if (permanent && !target.Deleted)
                {
                    throw new RegistryException(404, 40407, $"Subject '{subject}' Version {target.Version} was not deleted first before being permanently deleted.");
                }

                return (target.Version, [Deletion(target, permanent)]);
            },
            cancellationToken);
    }

    public void Dispose() => _writes.Dispose();

    private static SchemaVersion Find(RegistryState state, string subject, VersionSelector selector, bool includeDeleted)
    {
        var all = state.Versions(subject, includeDeleted: true);
        if (all.Count == 0)
        {
            throw RegistryException.SubjectNotFound(subject);
        }

        var visible = all.Where(v => includeDeleted || !v.Deleted).ToList();
        if (selector.Number is not { } number)
        {
            return visible.Count > 0 ? visible[^1] : throw RegistryException.SubjectNotFound(subject);
        }

        return visible.FirstOrDefault(v => v.Version == number) ?? throw RegistryException.VersionNotFound(subject, number);
    }

    private static (byte[] Key, byte[]? Value) Deletion(SchemaVersion version, bool permanent) =>
        (SchemaLogFormat.SchemaKey(version.Subject, version.Version), permanent ? null : SchemaLogFormat.SchemaValue(version with { Deleted = true }));

    private List<(int Version, Schema Schema)> Parsed(IEnumerable<SchemaVersion> versions) =>
        [.. versions.Select(v => (v.Version, _parsed.GetOrAdd(v.Schema, Schema.Parse)))];

    /// <summary>
    /// Decides on up-to-date state, then writes what was decided, one write at a time in this replica, within the write
    /// timeout. A write that times out may still land, as with Confluent's 50002: the client may retry it safely.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<RegistryState, (T Result, List<(byte[] Key, byte[]? Value)> Records)> decide, CancellationToken cancellationToken)
    {
        await store.WhenReadyAsync(cancellationToken).ConfigureAwait(false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.WriteTimeoutMs);
        try
        {
            await _writes.WaitAsync(deadline.Token).ConfigureAwait(false);
            try
            {
                await store.CatchUpAsync(deadline.Token).ConfigureAwait(false);
                var (result, records) = store.Read(decide);
                if (records.Count > 0)
                {
                    await store.AppendAsync(records, deadline.Token).ConfigureAwait(false);
                }

                return result;
            }
            finally
            {
                _writes.Release();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The write did not complete within {options.Value.WriteTimeoutMs} ms (Streams:SchemaRegistry:WriteTimeoutMs).");
        }
    }
}

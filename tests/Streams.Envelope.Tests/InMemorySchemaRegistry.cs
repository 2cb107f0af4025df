using System.Collections.Concurrent;
using System.Net;
using Confluent.SchemaRegistry;

namespace Streams.Envelope.Tests;

/// <summary>
/// A registry of fixed ids for unit tests and benchmarks of the serializer: it answers the lookups that Confluent's Avro serdes
/// make (by id, and of a schema under a subject), and nothing else. Confluent's real client is tested against the real registry role.
/// </summary>
internal sealed class InMemorySchemaRegistry : ISchemaRegistryClient
{
    private readonly ConcurrentDictionary<int, Schema> _schemas = [];
    private readonly ConcurrentDictionary<string, int?> _ids = new(StringComparer.Ordinal);

    public IEnumerable<KeyValuePair<string, string>> Config => [];

    public IAuthenticationHeaderValueProvider AuthHeaderProvider => null!;

    public IWebProxy Proxy => null!;

    public int MaxCachedSchemas => 1000;

    /// <summary>While true, every lookup fails as a registry that cannot be reached does.</summary>
    public bool Unavailable { get; set; }


    public int Add(int id, Avro.Schema schema)
    {
        _schemas[id] = new Schema(schema.ToString(), SchemaType.Avro);
        _ids.Clear();
        return id;
    }

    public Task<Schema> GetSchemaAsync(int id, string? format = null) => Task.FromResult(Lookup(id));

    public Task<Schema> GetSchemaBySubjectAndIdAsync(string subject, int id, string? format = null) => Task.FromResult(Lookup(id));

    public Task<int> RegisterSchemaAsync(string subject, string avroSchema, bool normalize = false) => throw NotHere();

    public Task<int> RegisterSchemaAsync(string subject, Schema schema, bool normalize = false) => throw NotHere();

    public Task<RegisteredSchema> RegisterSchemaWithResponseAsync(string subject, Schema schema, bool normalize = false) => throw NotHere();

    public Task<int> GetSchemaIdAsync(string subject, string avroSchema, bool normalize = false) => throw NotHere();

    public Task<int> GetSchemaIdAsync(string subject, Schema schema, bool normalize = false) => throw NotHere();

    public Task<Schema> GetSchemaByGuidAsync(string guid, string? format = null) => throw NotHere();

    public Task<RegisteredSchema> LookupSchemaAsync(string subject, Schema schema, bool ignoreDeletedSchemas, bool normalize = false)
    {
        // The serializer checks that the id it was given holds its schema under the subject; every subject holds every id here.
        ArgumentNullException.ThrowIfNull(schema);
        var id = _ids.GetOrAdd(schema.SchemaString, text =>
        {
            var wanted = Avro.Schema.Parse(text);
            return _schemas.Where(known => Avro.Schema.Parse(known.Value.SchemaString).Equals(wanted)).Select(known => (int?)known.Key).FirstOrDefault();
        });
        return id is { } found
            ? Task.FromResult(new RegisteredSchema(subject, 1, found, _schemas[found].SchemaString, SchemaType.Avro, []))
            : throw new SchemaRegistryException($"Subject {subject} has no such schema", HttpStatusCode.NotFound, 40403);
    }

    public Task<RegisteredSchema> GetRegisteredSchemaAsync(string subject, int version, bool ignoreDeletedSchemas = true) => throw NotHere();

    public Task<string> GetSchemaAsync(string subject, int version) => throw NotHere();

    public Task<RegisteredSchema> GetLatestSchemaAsync(string subject) => throw NotHere();

    public Task<RegisteredSchema> GetLatestWithMetadataAsync(string subject, IDictionary<string, string> metadata, bool ignoreDeletedSchemas) => throw NotHere();

    public Task<List<string>> GetAllSubjectsAsync() => throw NotHere();

    public Task<List<int>> GetSubjectVersionsAsync(string subject) => throw NotHere();

    public Task<bool> IsCompatibleAsync(string subject, string avroSchema) => throw NotHere();

    public Task<bool> IsCompatibleAsync(string subject, Schema schema) => throw NotHere();

    public string ConstructKeySubjectName(string topic, string? recordType = null) => throw NotHere();

    public string ConstructValueSubjectName(string topic, string? recordType = null) => throw NotHere();

    public Task<Compatibility> GetCompatibilityAsync(string? subject = null) => throw NotHere();

    public Task<Compatibility> UpdateCompatibilityAsync(Compatibility compatibility, string? subject = null) => throw NotHere();

    public Task<List<Association>> GetAssociationsByResourceNameAsync(string resourceName, string resourceNamespace, string resourceType, List<string> associationTypes, string lifecycle, int offset, int limit) => throw NotHere();

    public Task<AssociationResponse> CreateAssociationAsync(AssociationCreateOrUpdateRequest request) => throw NotHere();

    public Task DeleteAssociationsAsync(string resourceId, string resourceType, List<string> associationTypes, bool cascadeLifecycle) => throw NotHere();

    public void ClearLatestCaches()
    {
    }

    public void ClearCaches()
    {
    }

    public void Dispose()
    {
    }

    private Schema Lookup(int id)
    {
        if (Unavailable)
        {
            throw new HttpRequestException("Connection refused (in-memory registry switched off)");
        }

        return _schemas.TryGetValue(id, out var schema)
            ? schema
            : throw new SchemaRegistryException($"Schema {id} not found", HttpStatusCode.NotFound, 40403);
    }

    private static NotSupportedException NotHere() => new("The serializer's unit tests only look schemas up.");
}

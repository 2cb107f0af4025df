using Streams.Avro;

namespace Streams.Envelope.Tests;

/// <summary>A registry of fixed ids for unit tests of the serializer; the real client is tested against the real registry.</summary>
internal sealed class InMemorySchemaRegistry : ISchemaRegistryClient
{
    private readonly Dictionary<int, AvroSchema> _schemas = [];

    public int Add(int id, AvroSchema schema)
    {
        _schemas[id] = schema;
        return id;
    }

    public AvroSchema GetSchema(int id) =>
        _schemas.TryGetValue(id, out var schema) ? schema : throw new SchemaRegistryException(System.Net.HttpStatusCode.NotFound, 40403, $"Schema {id} not found.");

    public Task<AvroSchema> GetSchemaAsync(int id, CancellationToken cancellationToken) => Task.FromResult(GetSchema(id));

    public Task<int> RegisterAsync(string subject, string schemaJson, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Unit tests register by id with Add.");
}

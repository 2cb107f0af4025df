using Streams.Avro;

namespace Streams.Envelope;

/// <summary>The schema registry as the serializers use it: schemas by id, and ids for schemas.</summary>
public interface ISchemaRegistryClient
{
    /// <summary>The schema with a registry id; blocks only the first time an id is seen.</summary>
    /// <param name="id">The schema id, e.g. from a Confluent-framed value.</param>
    /// <returns>The parsed schema.</returns>
    /// <exception cref="SchemaRegistryException">The id is unknown (<see cref="SchemaRegistryException.IsSchemaNotFound"/>) or the registry is unavailable.</exception>
    /// <exception cref="AvroSchemaException">The id holds something other than an Avro schema (e.g. a Protobuf schema in a Confluent registry).</exception>
    AvroSchema GetSchema(int id);

    /// <summary>The schema with a registry id.</summary>
    /// <param name="id">The schema id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The parsed schema.</returns>
    /// <exception cref="SchemaRegistryException">The id is unknown or the registry is unavailable.</exception>
    Task<AvroSchema> GetSchemaAsync(int id, CancellationToken cancellationToken);

    /// <summary>Registers a schema under a subject (a no-op for the registry when it is already there) and returns its id.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="schemaJson">The schema's JSON text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The schema's id.</returns>
    /// <exception cref="SchemaRegistryException">The registry refused the schema (e.g. 409 incompatible) or is unavailable.</exception>
    Task<int> RegisterAsync(string subject, string schemaJson, CancellationToken cancellationToken);
}

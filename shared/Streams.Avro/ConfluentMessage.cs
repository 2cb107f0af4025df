namespace Streams.Avro;

/// <summary>A message in the Confluent wire format, split into its schema id and Avro payload.</summary>
/// <param name="SchemaId">The schema registry id of the writer schema.</param>
/// <param name="Payload">The Avro binary encoding after the header; a slice of the message, not a copy.</param>
public readonly record struct ConfluentMessage(int SchemaId, ReadOnlyMemory<byte> Payload);

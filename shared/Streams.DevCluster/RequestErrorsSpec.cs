using Confluent.Kafka;

namespace Streams.DevCluster;

/// <summary>Errors the next requests of one kind will fail with, in order.</summary>
/// <param name="Api">The kind of request.</param>
/// <param name="Errors">One error per request.</param>
public sealed record RequestErrorsSpec(KafkaApi Api, IReadOnlyList<ErrorCode> Errors);

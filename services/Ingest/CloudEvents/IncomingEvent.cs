using Streams.Envelope;

namespace Streams.Ingest.CloudEvents;

/// <summary>One valid event of a batch, ready to be written to Kafka.</summary>
/// <param name="Key">The record key: <c>partitionkey</c> if given, else <c>source</c>.</param>
/// <param name="EventTimeMs">The event's <c>time</c>, or the receipt time when it had none.</param>
/// <param name="Envelope">The event as the sender wrote it, read once.</param>
public sealed record IncomingEvent(string Key, long EventTimeMs, CloudEventEnvelope Envelope);

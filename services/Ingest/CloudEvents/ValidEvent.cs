namespace Streams.Ingest.CloudEvents;

/// <summary>An event that passed validation.</summary>
/// <param name="Event">What is written to Kafka.</param>
/// <param name="Source">Its <c>source</c>, for authorisation and duplicate checks.</param>
/// <param name="Id">Its <c>id</c>.</param>
/// <param name="TimeStamped">True when it had no <c>time</c> and ingest stamped its receipt time.</param>
public sealed record ValidEvent(IncomingEvent Event, string Source, string Id, bool TimeStamped);

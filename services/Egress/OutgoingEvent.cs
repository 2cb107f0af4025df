using Confluent.Kafka;
using Streams.Audit;
using Streams.Envelope;
using Streams.Kafka.Consuming;

namespace Streams.Egress;

/// <summary>A consumed event on its way to receivers.</summary>
/// <param name="Record">Where it came from, with its headers.</param>
/// <param name="Event">The event, decoded from the record's envelope.</param>
/// <param name="Offset">Its place in the partition's commit watermark; completed once per matching subscription.</param>
/// <param name="EventTime">Its <c>st-event-time</c>, that lag is measured from; null when the header is missing.</param>
/// <param name="ConsumedAt">When egress consumed it (<see cref="TimeProvider.GetTimestamp"/>), that linger and process time count from.</param>
/// <param name="Audit">Its loss-audit record, settled once per matching subscription.</param>
public sealed record OutgoingEvent(
    ConsumeResult<byte[]?, byte[]> Record,
    CloudEventEnvelope Event,
    TrackedOffset Offset,
    DateTimeOffset? EventTime,
    long ConsumedAt,
    AuditFanOut Audit)
{
    /// <summary>Its CloudEvents <c>type</c>, which subscriptions filter on.</summary>
    public string Type => Event.Type;
}

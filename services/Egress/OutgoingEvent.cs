using Confluent.Kafka;

namespace Streams.Egress;

/// <summary>A consumed event on its way to receivers.</summary>
/// <param name="Record">Where it came from, with its headers.</param>
/// <param name="Type">Its CloudEvents <c>type</c>, which subscriptions filter on.</param>
public sealed record OutgoingEvent(ConsumeResult<byte[]?, byte[]> Record, string Type)
{
    /// <summary>The event's JSON.</summary>
    public ReadOnlyMemory<byte> Json => Record.Message.Value;
}

namespace Streams.Egress.Delivery;

/// <summary>
/// A CloudEvents JSON batch built from events that are already structured-mode JSON:
/// the bytes are joined, not re-serialised, so what the receiver gets is what was normalised.
/// </summary>
public static class EventBatchBody
{
    /// <summary>The JSON array of the given events.</summary>
    public static byte[] Build(IReadOnlyList<ReadOnlyMemory<byte>> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var length = 2 + Math.Max(0, events.Count - 1) + events.Sum(e => e.Length);
        var body = new byte[length];
        var position = 0;
        body[position++] = (byte)'[';
        for (var index = 0; index < events.Count; index++)
        {
            if (index > 0)
            {
                body[position++] = (byte)',';
            }

            events[index].Span.CopyTo(body.AsSpan(position));
            position += events[index].Length;
        }

        body[position] = (byte)']';
        return body;
    }
}

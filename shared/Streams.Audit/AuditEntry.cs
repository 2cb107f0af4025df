namespace Streams.Audit;

/// <summary>What one hop counted at one stage for events of one event-time minute, since its previous report.</summary>
/// <param name="Hop">The hop, e.g. <c>normaliser</c>.</param>
/// <param name="Stage">The stage.</param>
/// <param name="MinuteMs">The event-time minute, as ms since the Unix epoch (a multiple of 60,000).</param>
/// <param name="Count">How many events.</param>
/// <param name="Digest">
/// The sum, modulo 2^64, of the events' <see cref="Kafka.EventIdentity"/> values: independent of order, additive across
/// reports, and changed by a duplicate (unlike a xor, where a duplicate would cancel itself out).
/// </param>
public sealed record AuditEntry(string Hop, AuditStage Stage, long MinuteMs, long Count, ulong Digest)
{
    /// <summary>The event-time minute that <paramref name="eventTimeMs"/> falls in.</summary>
    /// <param name="eventTimeMs">An event time, ms since the Unix epoch.</param>
    /// <returns>The minute's start, ms since the Unix epoch.</returns>
    public static long MinuteOf(long eventTimeMs) => eventTimeMs - (((eventTimeMs % 60_000) + 60_000) % 60_000);
}

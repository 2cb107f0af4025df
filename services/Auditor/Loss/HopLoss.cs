namespace Streams.Auditor.Loss;

/// <summary>One hop's row of a minute's loss table.</summary>
/// <param name="Hop">The hop.</param>
/// <param name="In">Events the hop received.</param>
/// <param name="Out">Events it passed on (or delivered).</param>
/// <param name="DeadLettered">Events it dead-lettered (accounted).</param>
/// <param name="Filtered">Events dropped on purpose (accounted).</param>
/// <param name="Duplicate">Events suppressed as duplicates (accounted).</param>
/// <param name="RetryHandedOff">Events handed to a retry tier (accounted).</param>
/// <param name="Expected">Events the hop had to account for: the previous hop's <c>out</c> (the first hop's own <c>in</c>).</param>
/// <param name="Accounted">The sum of its outcome columns.</param>
/// <param name="Lost">
/// Expected minus accounted when positive; at least 1 when the counts agree but the digests do not (a loss hidden by
/// a duplicate; then it is a lower bound).
/// </param>
/// <param name="Surplus">Accounted minus expected when positive: events counted twice (at-least-once redelivery).</param>
/// <param name="LossPercent">Lost as a percentage of expected.</param>
/// <param name="DigestMatches">Whether the expected events' digest equals the accounted ones'.</param>
/// <param name="HiddenLoss">Counts agree but digests do not: an event went missing and another was counted twice.</param>
public sealed record HopLoss(
    string Hop,
    long In,
    long Out,
    long DeadLettered,
    long Filtered,
    long Duplicate,
    long RetryHandedOff,
    long Expected,
    long Accounted,
    long Lost,
    long Surplus,
    double LossPercent,
    bool DigestMatches,
    bool HiddenLoss);

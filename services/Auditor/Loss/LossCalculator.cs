using Streams.Audit;

namespace Streams.Auditor.Loss;

/// <summary>
/// Computes a minute's loss table from its audit totals (pure: no clock, no I/O).
/// </summary>
/// <remarks>
/// A hop must account for what the previous hop passed on (the first hop for what it accepted): every event it
/// passed on, dead-lettered, filtered, suppressed as a duplicate or handed to a retry tier. Counts alone miss a loss
/// that a duplicate makes up for, so each side also carries the sum of its event identities: equal counts with
/// different sums mean at least one event is missing. A branch hop (the retrier) is fed by another hop's side outcome
/// rather than the previous hop's <c>out</c>, so it must account for its own <c>in</c>; its outcomes are not added to
/// the end-to-end accounting (the hand-off that fed it already accounts for those events there), but its loss is.
/// End-to-end loss is the sum of every hop's loss.
/// </remarks>
public static class LossCalculator
{
    /// <summary>The loss table of <paramref name="totals"/>.</summary>
    /// <param name="totals">The minute's totals.</param>
    /// <param name="hops">The hops in pipeline order.</param>
    /// <param name="final">Whether the minute's grace period is over.</param>
    /// <param name="thresholdPercent">End-to-end loss above this percentage raises the alert.</param>
    /// <param name="branchHops">Hops off the main line, whose rows follow the main line's; none when null.</param>
    /// <returns>The table.</returns>
    public static BucketLoss Compute(BucketTotals totals, IReadOnlyList<string> hops, bool final, double thresholdPercent, IReadOnlyList<string>? branchHops = null)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(hops);
        ArgumentOutOfRangeException.ThrowIfZero(hops.Count);

        var rows = new List<HopLoss>(hops.Count);
        var sideOutcomes = default(StageTotal);
        for (var index = 0; index < hops.Count; index++)
        {
            var hop = hops[index];
            var expected = index == 0 ? totals.Get(hop, AuditStage.In) : totals.Get(hops[index - 1], AuditStage.Out);
            var accounted = Accounted(totals, hop);
            sideOutcomes += accounted + Negate(totals.Get(hop, AuditStage.Out));
            rows.Add(Row(totals, hop, expected, accounted));
        }

        foreach (var hop in branchHops ?? [])
        {
            rows.Add(Row(totals, hop, totals.Get(hop, AuditStage.In), Accounted(totals, hop)));
        }

        var accepted = totals.Get(hops[0], AuditStage.In);
        var delivered = totals.Get(hops[^1], AuditStage.Out);
        var accountedEndToEnd = delivered + sideOutcomes;
        var lost = rows.Sum(row => row.Lost);
        var percent = Percent(lost, accepted.Count);
        return new BucketLoss(
            DateTimeOffset.FromUnixTimeMilliseconds(totals.MinuteMs),
            final,
            rows,
            new EndToEndLoss(accepted.Count, delivered.Count, accountedEndToEnd.Count, lost, percent, accepted.Digest == accountedEndToEnd.Digest),
            percent > thresholdPercent);
    }

    private static HopLoss Row(BucketTotals totals, string hop, StageTotal expected, StageTotal accounted)
    {
        var difference = expected.Count - accounted.Count;
        var digestMatches = expected.Digest == accounted.Digest;
        var hidden = difference == 0 && !digestMatches;
        var lost = hidden ? 1 : Math.Max(0, difference);
        return new HopLoss(
            hop,
            totals.Get(hop, AuditStage.In).Count,
            totals.Get(hop, AuditStage.Out).Count,
            totals.Get(hop, AuditStage.DeadLettered).Count,
            totals.Get(hop, AuditStage.Filtered).Count,
            totals.Get(hop, AuditStage.Duplicate).Count,
            totals.Get(hop, AuditStage.RetryHandedOff).Count,
            expected.Count,
            accounted.Count,
            lost,
            Math.Max(0, -difference),
            Percent(lost, expected.Count),
            digestMatches,
            hidden);
    }

    private static StageTotal Accounted(BucketTotals totals, string hop) =>
        AuditStages.Outcomes.Aggregate(default(StageTotal), (sum, stage) => sum + totals.Get(hop, stage));

    private static StageTotal Negate(StageTotal total) => new(-total.Count, unchecked(0UL - total.Digest));

    private static double Percent(long lost, long expected) => expected == 0 ? (lost == 0 ? 0 : 100) : 100.0 * lost / expected;
}

namespace Streams.Auditor.Loss;

/// <summary>The answer of <c>GET /v1/loss</c>: the loss table of every minute in the range that has audit data.</summary>
/// <param name="From">Start of the range (inclusive, rounded down to the minute).</param>
/// <param name="To">End of the range (exclusive).</param>
/// <param name="GracePeriodSeconds">How long after a minute ends it becomes final.</param>
/// <param name="ThresholdPercent">The alert threshold.</param>
/// <param name="Buckets">One table per minute, oldest first; non-final ones may still change.</param>
/// <param name="Total">The end-to-end row summed over the final minutes.</param>
public sealed record LossReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int GracePeriodSeconds,
    double ThresholdPercent,
    IReadOnlyList<BucketLoss> Buckets,
    EndToEndLoss Total)
{
    /// <summary>Builds the report of [<paramref name="from"/>, <paramref name="to"/>) from the ledger.</summary>
    /// <param name="ledger">The auditor's ledger.</param>
    /// <param name="options">The auditor's options.</param>
    /// <param name="now">The current time, which decides which minutes are final.</param>
    /// <param name="from">Start of the range.</param>
    /// <param name="to">End of the range.</param>
    /// <returns>The report.</returns>
    public static LossReport Create(AuditLedger ledger, AuditorOptions options, DateTimeOffset now, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(options);
        var start = Audit.AuditEntry.MinuteOf(from.ToUnixTimeMilliseconds());
        var finalBefore = (now - TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(options.GracePeriodSeconds)).ToUnixTimeMilliseconds();
        var buckets = ledger.Range(start, to.ToUnixTimeMilliseconds())
            .Select(totals => LossCalculator.Compute(totals, options.EffectiveHops, totals.MinuteMs < finalBefore, options.LossThresholdPercent, options.EffectiveBranchHops))
            .ToList();
        var final = buckets.Where(bucket => bucket.Final).Select(bucket => bucket.EndToEnd).ToList();
        var accepted = final.Sum(row => row.Accepted);
        var lost = final.Sum(row => row.Lost);
        var total = new EndToEndLoss(
            accepted,
            final.Sum(row => row.Delivered),
            final.Sum(row => row.Accounted),
            lost,
            accepted == 0 ? 0 : 100.0 * lost / accepted,
            final.All(row => row.DigestMatches));
        return new LossReport(DateTimeOffset.FromUnixTimeMilliseconds(start), to, options.GracePeriodSeconds, options.LossThresholdPercent, buckets, total);
    }
}

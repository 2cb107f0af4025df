using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Auditor.Loss;
using Streams.Telemetry;

namespace Streams.Auditor;

/// <summary>
/// Judges each event-time minute once its grace period is over: records its loss in the metrics and logs the alert
/// (level Error) when end-to-end loss exceeds the threshold, or a warning when digests reveal a loss the counts hide.
/// Keeps <c>streams_loss_ratio{hop}</c> at the loss over the minutes judged within the ratio window.
/// </summary>
public sealed class LossEvaluator(
    AuditLedger ledger,
    AuditConsumer consumer,
    IOptions<AuditorOptions> options,
    StreamsMetrics metrics,
    TimeProvider clock,
    ILogger<LossEvaluator> logger) : BackgroundService
{
    private readonly AuditorOptions _options = options.Value;
    private readonly Queue<BucketLoss> _recent = new();

    /// <summary>Judges the minutes that became due and refreshes the loss gauges.</summary>
    /// <returns>The minutes judged now.</returns>
    public IReadOnlyList<BucketLoss> Evaluate()
    {
        var now = clock.GetUtcNow();
        var due = ledger.TakeDue(DueBefore(now).ToUnixTimeMilliseconds());
        var judged = due.Select(totals => LossCalculator.Compute(totals, _options.EffectiveHops, final: true, _options.LossThresholdPercent, _options.EffectiveBranchHops)).ToList();
        foreach (var bucket in judged)
        {
            Record(bucket);
            _recent.Enqueue(bucket);
        }

        var windowStart = DueBefore(now) - TimeSpan.FromMinutes(_options.RatioWindowMinutes);
        while (_recent.TryPeek(out var oldest) && oldest.Minute < windowStart)
        {
            _recent.Dequeue();
        }

        RefreshRatios();
        ledger.Evict((now - TimeSpan.FromMinutes(_options.RetentionMinutes)).ToUnixTimeMilliseconds());
        return judged;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Every series exists from the start, at zero, so dashboards and rate() see the first loss as an increase.
        foreach (var hop in _options.AllHops.Append(AuditorOptions.EndToEnd))
        {
            metrics.CountLostEvents(hop, 0);
            metrics.CountAuditedEvents(hop, 0);
            metrics.CountDigestMismatch(hop, 0);
        }

        RefreshRatios();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.EvaluateIntervalMs), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (consumer.CaughtUp)
                {
                    Evaluate();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private DateTimeOffset DueBefore(DateTimeOffset now) => now - TimeSpan.FromMinutes(1) - TimeSpan.FromSeconds(_options.GracePeriodSeconds);

    private void Record(BucketLoss bucket)
    {
        metrics.CountAuditBucket();
        foreach (var hop in bucket.Hops)
        {
            metrics.CountAuditedEvents(hop.Hop, hop.Expected);
            metrics.CountLostEvents(hop.Hop, hop.Lost);
            if (!hop.DigestMatches)
            {
                metrics.CountDigestMismatch(hop.Hop);
            }
        }

        var e2e = bucket.EndToEnd;
        metrics.CountAuditedEvents(AuditorOptions.EndToEnd, e2e.Accepted);
        metrics.CountLostEvents(AuditorOptions.EndToEnd, e2e.Lost);
        if (!e2e.DigestMatches)
        {
            metrics.CountDigestMismatch(AuditorOptions.EndToEnd);
        }

        if (bucket.Alert)
        {
            var worst = bucket.Hops.MaxBy(hop => hop.Lost)!;
            logger.LogError(
                "Loss alert for minute {Minute:o}: {Lost} of {Accepted} accepted events lost ({LossPercent:F2}%, threshold {ThresholdPercent}%); most at hop {Hop} ({HopLost} lost, hidden by duplicates: {HiddenLoss})",
                bucket.Minute, e2e.Lost, e2e.Accepted, e2e.LossPercent, _options.LossThresholdPercent, worst.Hop, worst.Lost, worst.HiddenLoss);
            return;
        }

        foreach (var hop in bucket.Hops.Where(hop => hop.Lost > 0))
        {
            logger.LogWarning(
                "Minute {Minute:o}: {Lost} of {Expected} events lost at hop {Hop} (hidden by duplicates: {HiddenLoss}), below the {ThresholdPercent}% alert threshold",
                bucket.Minute, hop.Lost, hop.Expected, hop.Hop, hop.HiddenLoss, _options.LossThresholdPercent);
        }
    }

    private void RefreshRatios()
    {
        foreach (var (hop, index) in _options.AllHops.Select((hop, index) => (hop, index)))
        {
            var expected = _recent.Sum(bucket => bucket.Hops[index].Expected);
            SetRatio(hop, _recent.Sum(bucket => bucket.Hops[index].Lost), expected);
        }

        SetRatio(AuditorOptions.EndToEnd, _recent.Sum(bucket => bucket.EndToEnd.Lost), _recent.Sum(bucket => bucket.EndToEnd.Accepted));
    }

    private void SetRatio(string hop, long lost, long expected) =>
        metrics.SetLossRatio(hop, expected == 0 ? (lost == 0 ? 0 : 1) : Math.Min(1, (double)lost / expected));
}

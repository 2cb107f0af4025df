using static System.FormattableString;

namespace Streams.LoadTest;

/// <summary>One run at one rate: send on schedule, wait for what was acknowledged, read the hops' lags, write the report.</summary>
internal sealed class LoadTestRun(LoadTestSettings settings, LoadReceiver receiver, HttpClient http, TextWriter progress)
{
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(10);

    /// <summary>Sends at <paramref name="rate"/> for the settings' duration; the report goes to <paramref name="directory"/>.</summary>
    public Task<LoadReport> RunAsync(int rate, string directory, CancellationToken cancellationToken) =>
        RunAsync(rate, settings.Duration, directory, cancellationToken);

    public async Task<LoadReport> RunAsync(int rate, TimeSpan duration, string directory, CancellationToken cancellationToken)
    {
        var plan = new LoadPlan(rate, duration, settings.BatchSize ?? LoadPlan.DefaultBatchSize(rate));
        var seconds = (int)Math.Ceiling((duration + settings.Grace + QuietLimit).TotalSeconds) + 5;
        var run = new RunUnderTest(LoadEventIds.ForNewRun(), new EventLedger(plan.Events, seconds), new RunClock());
        receiver.RecordInto(run);
        var sender = new OpenLoopSender(http, settings.Target, settings.ApiKey, settings.MaxInFlight);
        var sampler = new HopLagSampler(http, settings.Metrics);
        await sampler.SampleAsync(run.Clock, cancellationToken).ConfigureAwait(false);
        using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = sampler.RunAsync(run.Clock, background.Token);
        var showing = run.ShowProgressAsync(progress, now => ProgressLine(plan, run, sender, now), background.Token);
        try
        {
            await sender.RunAsync(plan, run, cancellationToken).ConfigureAwait(false);
            await WaitForReceiptsAsync(run, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await background.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(sampling, showing).ConfigureAwait(false);
        }

        // The last deliveries' lags are in the services' histograms only now.
        await sampler.SampleAsync(run.Clock, cancellationToken).ConfigureAwait(false);
        var report = LoadReport.From(plan, settings.Target, run, sender, sampler);
        await ReportWriter.WriteAsync(report, directory, cancellationToken).ConfigureAwait(false);
        return report;
    }

    private static string ProgressLine(LoadPlan plan, RunUnderTest run, OpenLoopSender sender, (int Second, long Sent, SecondTally? LastSecond) now)
    {
        var phase = run.Clock.Elapsed < plan.Duration ? Invariant($"sending {plan.Rate:N0}/s") : "waiting";
        var ledger = run.Ledger;
        return Invariant(
            $"[{now.Second,4}s] {phase}  sent {now.Sent:N0}  acknowledged {ledger.Acked:N0}  refused {ledger.Refused:N0}  received {ledger.Received:N0}  in flight {sender.InFlight}  e2e p95 {now.LastSecond?.EndToEnd.PercentileMs(95) ?? 0:0.0} ms");
    }

    private async Task WaitForReceiptsAsync(RunUnderTest run, CancellationToken cancellationToken)
    {
        var sentAt = run.Clock.Elapsed;
        var lastChange = sentAt;
        var lastReceived = run.Ledger.Received;
        while (!run.Ledger.AllAcknowledgedReceived && run.Clock.Elapsed - sentAt < settings.Grace && run.Clock.Elapsed - lastChange < QuietLimit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
            if (run.Ledger.Received != lastReceived)
            {
                lastReceived = run.Ledger.Received;
                lastChange = run.Clock.Elapsed;
            }
        }
    }
}

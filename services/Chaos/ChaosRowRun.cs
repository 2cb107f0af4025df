using Streams.LoadTest;
using static System.FormattableString;

namespace Streams.Chaos;

/// <summary>
/// One row: a fresh pipeline, a steady open-loop stream through it, the fault injected for its window while the
/// stream goes on, then a bounded drain until every answered-200 event is delivered or dead-lettered.
/// </summary>
internal sealed class ChaosRowRun(ChaosSettings settings, LoadReceiver receiver, Uri receiverUrl, HttpClient http, TextWriter progress)
{
    private const int MaxInFlight = 256;
    private static readonly TimeSpan DrainPoll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PrimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>Room in the ledger's per-second rows for a sender that falls behind its schedule during a fault.</summary>
    private static readonly TimeSpan LateSending = TimeSpan.FromSeconds(60);

    private string _phase = "starting";

    public async Task<RowOutcome> RunAsync(ChaosRow row, string label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        var timeline = settings.Timeline;
        await using var pipeline = await ChaosPipeline.StartAsync(settings.HostDll, receiver, receiverUrl, Path.Combine(settings.Out, row.Name), cancellationToken).ConfigureAwait(false);
        await PrimeAsync(pipeline, cancellationToken).ConfigureAwait(false);
        var sending = timeline.Sending(row.Window);
        var plan = new LoadPlan(settings.Rate, sending, LoadPlan.DefaultBatchSize(settings.Rate));
        var seconds = (int)Math.Ceiling((sending + timeline.DrainLimit + LateSending).TotalSeconds);
        var run = new RunUnderTest(LoadEventIds.ForNewRun(), new EventLedger(plan.Events, seconds), new RunClock());
        receiver.RecordInto(run);
        var deadLetters = new DeadLetterReader(pipeline.BootstrapServers, pipeline.Topics, run.Ids, plan.Events);
        var sender = new OpenLoopSender(http, pipeline.IngestUrl, apiKey: null, MaxInFlight);
        using var background = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var showing = run.ShowProgressAsync(progress, now => ProgressLine(label, run, sender, now), background.Token);
        TimeSpan faultEnd;
        IReadOnlySet<long> deadLettered;
        try
        {
            _phase = "steady";
            // The background token: a row that fails half-way stops its sender too, rather than leave it sending into the next row.
            var sent = sender.RunAsync(plan, run, background.Token);
            faultEnd = await InjectAsync(row, pipeline, run.Clock, cancellationToken).ConfigureAwait(false);
            _phase = "recovering";
            await sent.ConfigureAwait(false);
            _phase = "draining";
            deadLettered = await DrainAsync(run, deadLetters, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            receiver.AnswerWith(null);
            await background.CancelAsync().ConfigureAwait(false);
            await showing.ConfigureAwait(false);
        }

        var lags = run.Ledger.Seconds.Select(s => new SecondLag(s.Received, TimeSpan.FromMilliseconds(s.EndToEnd.PercentileMs(95)))).ToList();
        var recovery = LagRecovery.Measure(lags, faultEnd, sending, LagRecovery.NormalLimit(lags, timeline.WarmUp));
        return new RowOutcome(row, RowCounts.From(run.Ledger, deadLettered), recovery, sending - faultEnd, pipeline.UnplannedRestarts);
    }

    /// <summary>
    /// Sends a few events and waits until they arrive: a role logs that it runs before its consumer group has its
    /// partitions, and the warm-up must measure the pipeline's normal lag, not its first rebalance.
    /// </summary>
    private async Task PrimeAsync(ChaosPipeline pipeline, CancellationToken cancellationToken)
    {
        _phase = "priming";
        var plan = new LoadPlan(Rate: 10, TimeSpan.FromSeconds(1), BatchSize: 1);
        var primer = new RunUnderTest(LoadEventIds.ForNewRun(), new EventLedger(plan.Events, seconds: 1), new RunClock());
        receiver.RecordInto(primer);
        await new OpenLoopSender(http, pipeline.IngestUrl, apiKey: null, MaxInFlight).RunAsync(plan, primer, cancellationToken).ConfigureAwait(false);
        while (!primer.Ledger.AllAcknowledgedReceived)
        {
            if (primer.Clock.Elapsed > PrimeLimit)
            {
                throw new TimeoutException($"The pipeline delivered {primer.Ledger.Received} of {primer.Ledger.Acked} priming events in {PrimeLimit.TotalSeconds:0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits out the warm-up, injects the fault, ends it after the window; returns when it had ended.</summary>
    private async Task<TimeSpan> InjectAsync(ChaosRow row, ChaosPipeline pipeline, RunClock clock, CancellationToken cancellationToken)
    {
        await Task.Delay(settings.Timeline.WarmUp, cancellationToken).ConfigureAwait(false);
        var begun = clock.Elapsed;
        try
        {
            _phase = "FAULT " + row.Name;
            await row.Fault.BeginAsync(pipeline, cancellationToken).ConfigureAwait(false);
            var left = begun + row.Window - clock.Elapsed;
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Ended even when injecting it failed half-way, so the next steps see a healthy pipeline.
            await row.Fault.EndAsync(pipeline, cancellationToken).ConfigureAwait(false);
        }

        return clock.Elapsed;
    }

    /// <summary>Until every answered-200 event is delivered or dead-lettered, or the drain limit; the dead-lettered ones.</summary>
    private async Task<IReadOnlySet<long>> DrainAsync(RunUnderTest run, DeadLetterReader deadLetters, CancellationToken cancellationToken)
    {
        var deadline = run.Clock.Elapsed + settings.Timeline.DrainLimit;
        while (true)
        {
            // The topic is read even when everything arrived: an event can be delivered and dead-lettered both.
            var deadLettered = await deadLetters.ReadAsync().ConfigureAwait(false);
            if (run.Ledger.AllAcknowledgedReceived || RowCounts.From(run.Ledger, deadLettered).Lost == 0 || run.Clock.Elapsed > deadline)
            {
                return deadLettered;
            }

            await Task.Delay(DrainPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private string ProgressLine(string label, RunUnderTest run, OpenLoopSender sender, (int Second, long Sent, SecondTally? LastSecond) now)
    {
        var ledger = run.Ledger;
        return Invariant(
            $"[{label} {now.Second,3}s] {_phase,-28} sent {now.Sent,6:N0}  200 {ledger.Acked,6:N0}  not 200 {ledger.Refused,5:N0}  received {ledger.Received,6:N0}  in flight {sender.InFlight,3}  e2e p95 {now.LastSecond?.EndToEnd.PercentileMs(95) ?? 0,7:0} ms");
    }
}

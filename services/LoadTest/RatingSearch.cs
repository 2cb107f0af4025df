using static System.FormattableString;

namespace Streams.LoadTest;

/// <summary>
/// Steps the rate up (× 1.5 a step) until a step's end-to-end p95 passes the target, an acknowledged event is lost,
/// ingest refuses requests or the sender cannot keep the rate; the traffic rating is the last rate that held.
/// </summary>
internal sealed class RatingSearch(LoadTestSettings settings, LoadTestRun runs, TextWriter output)
{
    /// <summary>Runs the steps; returns the rating in events per second, or null when even the first step failed.</summary>
    public async Task<int?> RunAsync(CancellationToken cancellationToken)
    {
        int? rating = null;
        var rate = settings.Rate;
        var lines = new List<string>();
        for (var step = 1; step <= settings.MaxSteps; step++)
        {
            await output.WriteLineAsync(Invariant($"step {step}: {rate:N0} events/s for {settings.Duration.TotalSeconds:0.#} s")).ConfigureAwait(false);
            var report = await runs.RunAsync(rate, Path.Combine(settings.Out, Invariant($"step-{step:00}-{rate}")), cancellationToken).ConfigureAwait(false);
            var failure = FailureOf(report, settings.P95Target);
            var line = Invariant($"{rate,9:N0} events/s  e2e p95 {report.EndToEnd.P95Ms,8:0.0} ms  lost {report.Lost:N0}  refused {report.Refused:N0}  {failure ?? "holds"}");
            lines.Add(line);
            await output.WriteLineAsync(line).ConfigureAwait(false);
            if (failure is not null)
            {
                break;
            }

            rating = rate;
            rate = (int)Math.Ceiling(rate * 1.5);
        }

        var verdict = rating is { } held
            ? Invariant($"traffic rating: {held:N0} events/s (end-to-end p95 ≤ {settings.P95Target.TotalMilliseconds:0} ms, nothing lost)")
            : Invariant($"no rating: the first step, {settings.Rate:N0} events/s, did not hold");
        lines.Add(verdict);
        await File.WriteAllLinesAsync(Path.Combine(settings.Out, "rating.txt"), lines, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(verdict).ConfigureAwait(false);
        return rating;
    }

    /// <summary>Why a step did not hold, or null when it did.</summary>
    public static string? FailureOf(LoadReport report, TimeSpan p95Target)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Lost > 0)
        {
            return Invariant($"fails: {report.Lost:N0} acknowledged events lost");
        }

        if (report.Refused > 0)
        {
            return Invariant($"fails: ingest refused {report.Refused:N0} events");
        }

        if (report.AchievedRate < report.Rate * 0.95)
        {
            return Invariant($"fails: the sender reached only {report.AchievedRate:N0} events/s");
        }

        return report.EndToEnd.P95Ms > p95Target.TotalMilliseconds
            ? Invariant($"fails: p95 above {p95Target.TotalMilliseconds:0} ms")
            : null;
    }
}

using Streams.Telemetry.Scraping;

namespace Streams.LoadTest;

/// <summary>
/// Scrapes the services' <c>/metrics</c> once a second during a run, so the report has each hop's lag over the whole
/// run and second by second.
/// </summary>
internal sealed class HopLagSampler(HttpClient http, IReadOnlyList<Uri> metrics)
{
    private readonly List<HopLagSnapshot> _snapshots = [];
    private readonly List<string> _failures = [];

    public IReadOnlyList<HopLagSnapshot> Snapshots => _snapshots;

    /// <summary>Distinct reasons scrapes failed; empty when every scrape answered.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Each hop's p95 lags from the first snapshot to the last; empty with fewer than two.</summary>
    public IReadOnlyList<HopLag> Overall => _snapshots.Count < 2 ? [] : _snapshots[^1].P95Since(_snapshots[0]);

    /// <summary>Takes a snapshot now (the run's start and end call this directly).</summary>
    public async Task SampleAsync(RunClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var snapshot = new HopLagSnapshot(clock.SecondOf(clock.Now));
        foreach (var url in metrics)
        {
            try
            {
                snapshot.Add(PrometheusText.Parse(await http.GetStringAsync(url, cancellationToken).ConfigureAwait(false)));
            }
            catch (Exception exception) when (exception is HttpRequestException or FormatException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                var reason = $"{url}: {exception.Message}";
                if (!_failures.Contains(reason))
                {
                    _failures.Add(reason);
                }

                return;
            }
        }

        _snapshots.Add(snapshot);
    }

    /// <summary>Samples once a second until cancelled.</summary>
    public async Task RunAsync(RunClock clock, CancellationToken cancellationToken)
    {
        using var ticks = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await ticks.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await SampleAsync(clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}

namespace Streams.LoadTest;

/// <summary>What one run measured: counts id by id, latencies, each hop's lag, second by second.</summary>
internal sealed record LoadReport
{
    public required string Run { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required Uri Target { get; init; }

    public required int Rate { get; init; }

    public required double DurationSeconds { get; init; }

    /// <summary>How long sending took: longer than the duration when the sender or the service could not keep up.</summary>
    public required double SendingSeconds { get; init; }

    public required int BatchSize { get; init; }

    public required long Sent { get; init; }

    public required long Acknowledged { get; init; }

    public required long Refused { get; init; }

    /// <summary>Requests not acknowledged, by answer.</summary>
    public required IReadOnlyDictionary<string, long> Refusals { get; init; }

    /// <summary>Distinct events received.</summary>
    public required long Received { get; init; }

    /// <summary>Acknowledged by ingest and never received within the grace time.</summary>
    public required long Lost { get; init; }

    public required long Duplicates { get; init; }

    /// <summary>Received although their request was not acknowledged (written, but the answer was lost or late).</summary>
    public required long ReceivedUnacknowledged { get; init; }

    /// <summary>Receipt − event time, over every event's first receipt.</summary>
    public required LatencySummary EndToEnd { get; init; }

    /// <summary>Ingest's answer − the request's intended send time.</summary>
    public required LatencySummary Acknowledgement { get; init; }

    /// <summary>Each hop's p95 lag-in and lag-out over the run, from the services' /metrics.</summary>
    public required IReadOnlyList<HopLag> Hops { get; init; }

    public required IReadOnlyList<SecondRow> Seconds { get; init; }

    /// <summary>Why /metrics could not be read, if it could not.</summary>
    public required IReadOnlyList<string> MetricsFailures { get; init; }

    /// <summary>Events sent per second of sending, as achieved (the schedule's rate unless the sender fell behind).</summary>
    public double AchievedRate => Sent / Math.Max(Math.Max(DurationSeconds, SendingSeconds), 0.001);

    public static LoadReport From(LoadPlan plan, Uri target, RunUnderTest run, OpenLoopSender sender, HopLagSampler sampler)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(sampler);
        var ledger = run.Ledger;
        var snapshots = sampler.Snapshots.GroupBy(snapshot => snapshot.Second).ToDictionary(group => group.Key, group => group.Last());
        var seconds = ledger.Seconds.Select((tally, second) => new SecondRow(
            second,
            tally.Sent,
            tally.Acked,
            tally.Received,
            tally.EndToEnd.PercentileMs(50),
            tally.EndToEnd.PercentileMs(95),
            snapshots.TryGetValue(second + 1, out var end) && snapshots.TryGetValue(second, out var start) ? end.P95Since(start) : [])).ToList();
        return new LoadReport
        {
            Run = run.Ids.Run,
            StartedAt = run.Clock.StartedAt,
            Target = target,
            Rate = plan.Rate,
            DurationSeconds = plan.Duration.TotalSeconds,
            SendingSeconds = sender.SendingTime.TotalSeconds,
            BatchSize = plan.BatchSize,
            Sent = seconds.Sum(row => row.Sent),
            Acknowledged = ledger.Acked,
            Refused = ledger.Refused,
            Refusals = new SortedDictionary<string, long>(sender.Refusals, StringComparer.Ordinal),
            Received = ledger.Received,
            Lost = ledger.Lost,
            Duplicates = ledger.Duplicates,
            ReceivedUnacknowledged = ledger.ReceivedUnacknowledged,
            EndToEnd = LatencySummary.Of(ledger.EndToEnd()),
            Acknowledgement = LatencySummary.Of(sender.Acknowledgements),
            Hops = sampler.Overall,
            Seconds = seconds,
            MetricsFailures = sampler.Failures,
        };
    }
}

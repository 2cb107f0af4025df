namespace Streams.LoadTest;

/// <summary>What the command line asked for.</summary>
internal sealed record LoadTestSettings
{
    /// <summary>Ingest's base address, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public required Uri Target { get; init; }

    public string? ApiKey { get; init; }

    /// <summary>The services' <c>/metrics</c> addresses (every process that runs a hop).</summary>
    public required IReadOnlyList<Uri> Metrics { get; init; }

    /// <summary>Where the receiver listens; a subscription filtered on <see cref="LoadBatchWriter.EventType"/> must deliver there.</summary>
    public required Uri Listen { get; init; }

    /// <summary>Events per second (the first step's rate with <see cref="FindRating"/>).</summary>
    public required int Rate { get; init; }

    /// <summary>How long each run sends.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>Events per request; null picks one from the rate (<see cref="LoadPlan.DefaultBatchSize"/>).</summary>
    public int? BatchSize { get; init; }

    public int MaxInFlight { get; init; } = 1024;

    /// <summary>Longest wait after sending for acknowledged events still on their way.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The report's folder; each run (or step) writes there.</summary>
    public required string Out { get; init; }

    public bool FindRating { get; init; }

    /// <summary>The end-to-end p95 a step must stay within to pass, with <see cref="FindRating"/>.</summary>
    public TimeSpan P95Target { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a warm-up run at the first rate sends before the measured runs; zero for none.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Most steps <see cref="FindRating"/> takes before it stops (rate × 1.5 each step).</summary>
    public int MaxSteps { get; init; } = 10;
}

namespace Streams.Operations;

/// <summary>The event-time window a replay covers: <c>[From, To)</c>.</summary>
/// <param name="From">First event time included.</param>
/// <param name="To">First event time excluded.</param>
public sealed record ReplayWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>
    /// How far before <see cref="From"/> the search for the window's records starts: records are found by the time
    /// they were written to <c>streams.normalised</c>, which is after their event time unless a sender's clock runs ahead.
    /// </summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    /// <summary>Parses <c>--from</c> and <c>--to</c>; throws <see cref="OperatorException"/> for unparsable or reversed times.</summary>
    public static ReplayWindow Parse(string from, string to)
    {
        var window = new ReplayWindow(TimeArgument.Parse("--from", from), TimeArgument.Parse("--to", to));
        return window.To > window.From
            ? window
            : throw new OperatorException($"--to ({window.To:O}) must be after --from ({window.From:O}).");
    }

    /// <summary>True when an event time (ms since the epoch) falls in the window.</summary>
    public bool Contains(long eventTimeMs) => eventTimeMs >= From.ToUnixTimeMilliseconds() && eventTimeMs < To.ToUnixTimeMilliseconds();
}

using Streams.Audit;

namespace Streams.Auditor.Loss;

/// <summary>Everything reported for one event-time minute: a total per (hop, stage).</summary>
public sealed class BucketTotals
{
    private readonly Dictionary<(string Hop, AuditStage Stage), StageTotal> _totals = [];

    /// <summary>Initializes a new instance of the <see cref="BucketTotals"/> class.</summary>
    /// <param name="minuteMs">The minute's start, ms since the Unix epoch.</param>
    public BucketTotals(long minuteMs) => MinuteMs = minuteMs;

    /// <summary>The minute's start, ms since the Unix epoch.</summary>
    public long MinuteMs { get; }

    /// <summary>The total of one hop at one stage; zero when nothing was reported.</summary>
    /// <param name="hop">The hop.</param>
    /// <param name="stage">The stage.</param>
    /// <returns>The total.</returns>
    public StageTotal Get(string hop, AuditStage stage) => _totals.GetValueOrDefault((hop, stage));

    /// <summary>Adds reported counts.</summary>
    /// <param name="hop">The hop.</param>
    /// <param name="stage">The stage.</param>
    /// <param name="total">The counts to add.</param>
    /// <returns>This instance, for chaining.</returns>
    public BucketTotals Add(string hop, AuditStage stage, StageTotal total)
    {
        _totals[(hop, stage)] = Get(hop, stage) + total;
        return this;
    }

    /// <summary>An independent copy, safe to read while the original keeps changing.</summary>
    /// <returns>The copy.</returns>
    public BucketTotals Copy()
    {
        var copy = new BucketTotals(MinuteMs);
        foreach (var (key, total) in _totals)
        {
            copy._totals[key] = total;
        }

        return copy;
    }
}

namespace Streams.Audit;

/// <summary>Where an event stands at a hop, as the audit counts it.</summary>
/// <remarks>
/// Every stage except <see cref="In"/> is an outcome: an event that reached one of them is accounted for by the hop.
/// Dead-lettered, filtered, duplicate-suppressed and retry-handed-off events are accounted, not lost.
/// </remarks>
public enum AuditStage
{
    /// <summary>The hop received the event.</summary>
    In,

    /// <summary>The hop passed the event on (produced and acknowledged, or delivered).</summary>
    Out,

    /// <summary>The hop parked the event in the dead-letter topic, with a reason.</summary>
    DeadLettered,

    /// <summary>A rule dropped the event on purpose, or no subscription wanted it.</summary>
    Filtered,

    /// <summary>The hop suppressed the event as a duplicate of one it already passed.</summary>
    Duplicate,

    /// <summary>The hop handed the event to a retry tier topic, which now owns it.</summary>
    RetryHandedOff,
}

namespace Streams.Chaos;

/// <summary>The phases of a row: steady traffic, the fault window, steady traffic again, then draining.</summary>
/// <param name="WarmUp">Sending before the fault: the row's normal lag is measured here.</param>
/// <param name="After">Sending after the fault has ended: the pipeline must recover while traffic goes on.</param>
/// <param name="DrainLimit">Longest wait after sending for acknowledged events to be delivered or dead-lettered.</param>
internal sealed record ChaosTimeline(TimeSpan WarmUp, TimeSpan After, TimeSpan DrainLimit)
{
    /// <summary>The full matrix's phases.</summary>
    public static ChaosTimeline Full { get; } = new(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60));

    /// <summary>The short form's (CI's) phases: the same sequence, fewer seconds.</summary>
    public static ChaosTimeline Short { get; } = new(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(14), TimeSpan.FromSeconds(45));

    /// <summary>How long a row with this fault window sends.</summary>
    public TimeSpan Sending(TimeSpan window) => WarmUp + window + After;
}

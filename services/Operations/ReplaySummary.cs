namespace Streams.Operations;

/// <summary>What a replay did.</summary>
/// <param name="Scanned">Records of <c>streams.normalised</c> looked at.</param>
/// <param name="Found">Events in the window that the subscription takes.</param>
/// <param name="Delivered">Of those, delivered (2xx).</param>
/// <param name="Failed">Of those, not delivered (the receiver refused them, or kept failing).</param>
public sealed record ReplaySummary(long Scanned, long Found, long Delivered, long Failed)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"scanned {Scanned:N0} records; found {Found:N0} events in the window; delivered {Delivered:N0}; failed {Failed:N0}";
}

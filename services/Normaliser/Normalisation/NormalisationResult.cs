namespace Streams.Normaliser.Normalisation;

/// <summary>The outcome of normalising one record.</summary>
/// <param name="Outcome">What became of it.</param>
/// <param name="Value">The canonical record value (normalised only).</param>
/// <param name="Source">The canonical <c>source</c>; for filtered and invalid events the sender's, empty when undecodable.</param>
/// <param name="Id">The canonical <c>id</c>; for filtered and invalid events the sender's, empty when undecodable.</param>
/// <param name="Type">The canonical <c>type</c> (normalised only).</param>
/// <param name="Reason">
/// Invalid: a short, bounded category for metrics (<c>undecodable</c>, <c>too_large</c>, <c>canonical</c>, <c>schema</c>);
/// filtered: the rule's name.
/// </param>
/// <param name="Detail">Invalid: the full reason, written to the dead letter's <c>st-reason</c>.</param>
public sealed record NormalisationResult(
    NormalisationOutcome Outcome,
    byte[]? Value = null,
    string Source = "",
    string Id = "",
    string Type = "",
    string Reason = "",
    string Detail = "")
{
    /// <summary>A record that goes to the DLQ.</summary>
    public static NormalisationResult Invalid(string reason, string detail) => new(NormalisationOutcome.Invalid, Reason: reason, Detail: $"{reason}: {detail}");

    /// <summary>A record a rule dropped.</summary>
    public static NormalisationResult Filtered(string rule) => new(NormalisationOutcome.Filtered, Reason: rule);
}

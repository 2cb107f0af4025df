namespace Streams.Normaliser.Normalisation;

/// <summary>What became of one record.</summary>
public enum NormalisationOutcome
{
    /// <summary>Canonical and valid: goes to <c>streams.normalised</c> unless it is a duplicate.</summary>
    Normalised,

    /// <summary>Dropped on purpose by a rule: counted, not lost.</summary>
    Filtered,

    /// <summary>Cannot be normalised: goes to <c>streams.dlq</c> with the reason.</summary>
    Invalid,
}

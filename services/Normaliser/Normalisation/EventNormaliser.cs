using Streams.Envelope;

namespace Streams.Normaliser.Normalisation;

/// <summary>
/// Turns one ingested record value into its canonical bytes, or says why not: size check, decode, rules,
/// canonical form, payload schema, encode. No Kafka, no clock, no state; the codec asks the schema registry only
/// for a writer schema id it has not seen.
/// </summary>
public sealed class EventNormaliser(EventCodec codec, RuleSet rules, PayloadSchemas schemas, int maxEventBytes, int maxExtensionNameLength)
{
    /// <summary>Reason category of a record that is not a readable envelope.</summary>
    public const string Undecodable = "undecodable";

    /// <summary>Reason category of a record above the size limit.</summary>
    public const string TooLarge = "too_large";

    /// <summary>Reason category of an event that cannot be put in canonical form.</summary>
    public const string Canonical = "canonical";

    /// <summary>Reason category of a payload that fails its type's schema.</summary>
    public const string Schema = "schema";

    /// <summary>Normalises one record value.</summary>
    public NormalisationResult Normalise(ReadOnlyMemory<byte> value, RecordTimes times)
    {
        if (value.Length > maxEventBytes)
        {
            return NormalisationResult.Invalid(TooLarge, $"the record is {value.Length} bytes; at most {maxEventBytes} are accepted");
        }

        if (codec.TryDecode(value, out var decodeProblem) is not { } envelope)
        {
            return NormalisationResult.Invalid(Undecodable, decodeProblem!);
        }

        return Normalise(envelope, times);
    }

    /// <summary>Normalises a decoded event.</summary>
    public NormalisationResult Normalise(CloudEventEnvelope envelope, RecordTimes times)
    {
        // The sender's source and id, which its receipts are kept under, before rules touch the event.
        var (source, id) = (envelope.Source, envelope.Id);
        var attributes = new EnvelopeAttributes(envelope);
        if (rules.Apply(attributes) is { } droppedBy)
        {
            return NormalisationResult.Filtered(droppedBy) with { Source = source, Id = id };
        }

        if (CanonicalForm.Apply(attributes, times, maxExtensionNameLength, out var canonicalProblem) is not { } canonical)
        {
            return NormalisationResult.Invalid(Canonical, canonicalProblem!) with { Source = source, Id = id };
        }

        if (schemas.Validate(canonical) is { } schemaProblem)
        {
            return NormalisationResult.Invalid(Schema, schemaProblem) with { Source = source, Id = id };
        }

        return new NormalisationResult(NormalisationOutcome.Normalised, codec.Encode(canonical), canonical.Source, canonical.Id, canonical.Type);
    }
}

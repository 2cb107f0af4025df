using System.Text;
using Streams.Envelope;
using Streams.Envelope.Tests;
using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Tests;

/// <summary>
/// Runs the normaliser on events given as JSON text, with no rules and no schemas unless given; results are
/// envelopes, read back as JSON with the real serializer over an in-memory registry.
/// </summary>
internal static class Normalise
{
    public static readonly RecordTimes NoHeaders = new(null, null);

    private static readonly EnvelopeSerializer Serializer = CreateSerializer();

    /// <summary>The codec the normaliser under test uses.</summary>
    public static readonly EventCodec Codec = new(() => Serializer);

    /// <summary>Normalises the envelope ingest makes of <paramref name="json"/>.</summary>
    public static NormalisationResult Json(string json, RecordTimes times = default, RuleSet? rules = null, PayloadSchemas? schemas = null) =>
        Normaliser(rules, schemas).Normalise(CloudEventJson.FromJson(Encoding.UTF8.GetBytes(json)), times);

    /// <summary>Normalises an envelope as any producer may have written it, e.g. one ingest would have refused.</summary>
    public static NormalisationResult Envelope(CloudEventEnvelope envelope, RecordTimes times = default) =>
        Normaliser(rules: null, schemas: null).Normalise(envelope, times);

    /// <summary>Normalises a record value as it comes off <c>streams.ingested</c>.</summary>
    public static NormalisationResult Value(byte[] value, RecordTimes times = default, int maxEventBytes = 64 * 1024) =>
        Normaliser(rules: null, schemas: null, maxEventBytes).Normalise(value, times);

    /// <summary>The record value ingest writes for a structured-mode event.</summary>
    public static byte[] Envelope(string json) => Serializer.Serialize(CloudEventJson.FromJson(Encoding.UTF8.GetBytes(json)));

    /// <summary>The normalised event as structured-mode JSON.</summary>
    public static string Text(this NormalisationResult result)
    {
        Assert.True(result.Outcome == NormalisationOutcome.Normalised, $"{result.Outcome}: {result.Detail}{result.Reason}");
        return Encoding.UTF8.GetString(CloudEventJson.ToJson(Serializer.Deserialize(result.Value)));
    }

    private static EventNormaliser Normaliser(RuleSet? rules, PayloadSchemas? schemas, int maxEventBytes = 64 * 1024) =>
        new(
            Codec,
            rules ?? new RuleSet([]),
            schemas ?? new PayloadSchemas(new Dictionary<string, NJsonSchema.JsonSchema>(), rejectUnknownTypes: false),
            maxEventBytes,
            maxExtensionNameLength: 20);

    private static EnvelopeSerializer CreateSerializer()
    {
        var registry = new InMemorySchemaRegistry();
        return new EnvelopeSerializer(registry, registry.Add(1, EnvelopeSchemas.Current), EnvelopeSchemas.Current);
    }
}

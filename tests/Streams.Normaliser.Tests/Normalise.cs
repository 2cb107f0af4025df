using System.Text;
using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Tests;

/// <summary>Runs the normaliser on JSON text, with no rules and no schemas unless given.</summary>
internal static class Normalise
{
    public static readonly RecordTimes NoHeaders = new(null, null);

    public static NormalisationResult Json(string json, RecordTimes times = default, RuleSet? rules = null, PayloadSchemas? schemas = null) =>
        new EventNormaliser(
            rules ?? new RuleSet([]),
            schemas ?? new PayloadSchemas(new Dictionary<string, NJsonSchema.JsonSchema>(), rejectUnknownTypes: false),
            maxEventBytes: 64 * 1024,
            maxExtensionNameLength: 20).Normalise(Encoding.UTF8.GetBytes(json), times);

    public static string Text(this NormalisationResult result)
    {
        Assert.True(result.Outcome == NormalisationOutcome.Normalised, $"{result.Outcome}: {result.Detail}{result.Reason}");
        return Encoding.UTF8.GetString(result.Value!);
    }
}

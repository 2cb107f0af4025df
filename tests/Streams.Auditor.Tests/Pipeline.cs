using Streams.Audit;
using Streams.Auditor.Loss;
using Streams.Kafka;

namespace Streams.Auditor.Tests;

/// <summary>Builds a minute's totals the way hops would report them, from event ids.</summary>
internal sealed class Pipeline
{
    public const long Minute = 1_795_412_340_000;

    public static readonly IReadOnlyList<string> Hops = ["ingest", "normaliser", "egress"];

    public BucketTotals Totals { get; } = new(Minute);

    public static IReadOnlyList<ulong> Events(int count) =>
        [.. Enumerable.Range(0, count).Select(i => EventIdentity.Of("/tests", $"e-{i}"))];

    public Pipeline At(string hop, AuditStage stage, IEnumerable<ulong> events)
    {
        foreach (var identity in events)
        {
            Totals.Add(hop, stage, new StageTotal(1, identity));
        }

        return this;
    }

    /// <summary>Every hop passes every event.</summary>
    public static Pipeline Clean(IReadOnlyList<ulong> events)
    {
        var pipeline = new Pipeline();
        foreach (var hop in Hops)
        {
            pipeline.At(hop, AuditStage.In, events).At(hop, AuditStage.Out, events);
        }

        return pipeline;
    }
}

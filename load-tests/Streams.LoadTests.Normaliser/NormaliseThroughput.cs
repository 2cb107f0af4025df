using System.Diagnostics;
using System.Text;
using NJsonSchema;
using Streams.Envelope;
using Streams.Normaliser;
using Streams.Normaliser.Normalisation;

namespace Streams.LoadTests.Normaliser;

/// <summary>The normaliser's per-event work in process (no Kafka), next to a bare decode-and-encode of the same envelopes.</summary>
internal static class NormaliseThroughput
{
    private const string Schema = """{"type":"object","required":["orderId","amount"],"properties":{"orderId":{"type":"string"},"amount":{"type":"number"}}}""";

    public static void Run(IReadOnlyList<byte[]> records, TimeSpan phase)
    {
        var times = new RecordTimes(1_795_000_000_000, 1_795_000_000_100);
        var rules = new RuleSet([new NormaliserRuleOptions { Source = "/bench/", RenameAttributes = new() { ["legacyid"] = "refid" }, SetDefaults = new() { ["subject"] = "orders" } }]);
        var none = new PayloadSchemas(new Dictionary<string, JsonSchema>(), rejectUnknownTypes: false);
        var schemas = new PayloadSchemas(new Dictionary<string, JsonSchema> { ["bench.order"] = JsonSchema.FromJsonAsync(Schema).GetAwaiter().GetResult() }, false);
        var codec = new EventCodec(() => BenchEnvelopes.Serializer);
        var plain = new EventNormaliser(codec, rules, none, 1 << 20, 20);
        var withSchema = new EventNormaliser(codec, rules, schemas, 1 << 20, 20);

        Console.WriteLine($"normalise in process: {records.Count:N0} distinct records of ~{records[0].Length} B, {phase.TotalSeconds:N0} s per phase, 1 thread");
        Report("reference: envelope decode + encode", Measure(records, phase, r => codec.Encode(codec.TryDecode(r, out _)!).Length));
        Report("normalise: rules + canonical form", Measure(records, phase, r => plain.Normalise(r, times).Value!.Length));
        Report("normalise: rules + canonical + JSON Schema", Measure(records, phase, r => withSchema.Normalise(r, times).Value!.Length));
        var sample = Encoding.UTF8.GetString(CloudEventJson.ToJson(BenchEnvelopes.Serializer.Deserialize(plain.Normalise(records[0], times).Value)));
        Console.WriteLine($"  sample output: {sample}");
    }

    private static double Measure(IReadOnlyList<byte[]> records, TimeSpan phase, Func<byte[], int> work)
    {
        var watch = Stopwatch.StartNew();
        long done = 0;
        long bytes = 0;
        while (watch.Elapsed < phase)
        {
            bytes += work(records[(int)(done % records.Count)]);
            done++;
        }

        GC.KeepAlive(bytes);
        return done / watch.Elapsed.TotalSeconds;
    }

    private static void Report(string name, double perSecond) => Console.WriteLine($"  {name,-45} {perSecond,12:N0} events/s");
}

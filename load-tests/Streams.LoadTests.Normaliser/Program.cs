using System.Globalization;
using System.Text;
using Streams.LoadTests.Normaliser;

// Normaliser benchmark (issue 8), bounded in count and time:
//   1. dedup memory: --ids distinct ids (default 1,000,000) through one partition's window limited to --max-ids;
//   2. per-event work in process for --seconds per phase, next to a bare envelope decode + encode;
//   3. the real normaliser role over the local cluster on --records records, next to a pass-through hop.
var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => int.Parse(pair[1], CultureInfo.InvariantCulture));
var ids = options.GetValueOrDefault("--ids", 1_000_000);
var maxIds = options.GetValueOrDefault("--max-ids", 200_000);
var seconds = options.GetValueOrDefault("--seconds", 5);
var recordCount = options.GetValueOrDefault("--records", 200_000);
// --receipts 0 runs the normaliser with Streams:Receipts:Enabled=false, to measure what writing receipts costs.
var receipts = options.GetValueOrDefault("--receipts", 1) != 0;
Console.WriteLine($"Normaliser benchmark: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, receipts {(receipts ? "on" : "off")}");

DedupMemory.Run(ids, maxIds);
Console.WriteLine();

var records = Enumerable.Range(0, recordCount).Select(i => BenchEnvelopes.Encode(Event(i))).ToList();
NormaliseThroughput.Run(records, TimeSpan.FromSeconds(seconds));
Console.WriteLine();

await KafkaThroughput.RunAsync(records, receipts, TimeSpan.FromMinutes(5));
return 0;

static byte[] Event(int i) => Encoding.UTF8.GetBytes(
    $$"""{"specversion":"1.0","id":"evt-{{i:D12}}","source":"/bench/shop-{{i % 50}}","type":"bench.order","time":"2026-11-23T10:00:00.123456+01:00","legacyid":"L{{i}}","partitionkey":"key-{{i % 64}}","data":{ "orderId":"o-{{i}}", "amount":{{i % 1000}}.5, "lines":[{"sku":"A-1","qty":2},{"sku":"B-7","qty":1}] } }""");

using System.Diagnostics;
using System.Globalization;
using System.Text;
using Streams.DevCluster;
using Streams.Kafka;
using Streams.LoadTests.Ingest;

// Ingest benchmark: batches of 100 and single events at acks=all against the local cluster, next to the
// same run's raw librdkafka produce rate and a no-op Kestrel endpoint. Bounded: a few phases of --seconds each.
var options = args.Chunk(2).Where(pair => pair.Length == 2).ToDictionary(pair => pair[0], pair => pair[1]);
var seconds = int.Parse(options.GetValueOrDefault("--seconds", "15"), CultureInfo.InvariantCulture);
// --receipts off runs the host with Streams:Receipts:Enabled=false, to measure what writing receipts costs.
var receipts = options.GetValueOrDefault("--receipts", "on") != "off";
var phase = TimeSpan.FromSeconds(seconds);
Console.WriteLine($"Ingest benchmark: {Environment.ProcessorCount} cores, {seconds} s per phase, local mock cluster (3 brokers, RF 3, acks=all), receipts {(receipts ? "on" : "off")}");

using var cluster = LocalKafkaCluster.Start(3);
var topics = new TopicOptions { Prefix = "bench.", Partitions = 6 };
foreach (var topic in topics.All())
{
    cluster.CreateTopic(topic, topics.Partitions, topics.ReplicationFactor);
}

cluster.CreateTopic("bench.raw", topics.Partitions, topics.ReplicationFactor);
// The schema registry's topic: the ingest host serves the registry it writes envelopes with.
cluster.CreateTopic("_schemas", 1, topics.ReplicationFactor);

var sampleEvent = Event(0);
var rawRate = RawProduceReference.EventsPerSecond(cluster.BootstrapServers, "bench.raw", sampleEvent, 500_000);
Console.WriteLine($"reference: raw librdkafka produce (acks=all, idempotent, {sampleEvent.Length} B records)  {rawRate,12:N0} events/s");

var url = $"http://127.0.0.1:{FreePort()}";
using var host = StartIngest(cluster.BootstrapServers, topics.Prefix, url, receipts);
await WaitForReadyAsync(url);
var ingest = new Uri(url + "/v1/events");

await using var noOp = await NoOpEndpoint.StartAsync();
var warmUp = await HttpLoad.RunAsync("warm-up (discarded)", ingest, Batch100, 100, 16, TimeSpan.FromSeconds(6));
// The profile of the batched phase: where each process's CPU went (this one sends the load and hosts the mock cluster).
var hostBefore = ThreadCpu.Take(host.Id);
var selfBefore = ThreadCpu.Take(Environment.ProcessId);
var batched = await HttpLoad.RunAsync("ingest: batches of 100, 16 connections", ingest, Batch100, 100, 16, phase);
var hostCpu = ThreadCpu.Take(host.Id).Since(hostBefore, batched.Elapsed);
var selfCpu = ThreadCpu.Take(Environment.ProcessId).Since(selfBefore, batched.Elapsed);
var results = new List<LoadResult>
{
    warmUp,
    batched,
    await HttpLoad.RunAsync("reference: no-op Kestrel, same bodies", noOp.Url, Batch100, 100, 16, phase),
};
var single = await HttpLoad.RunAsync("ingest: 1 event/request, 64 connections", ingest, Single, 1, 64, phase);
results.Add(single);
results.Add(await HttpLoad.RunAsync("reference: no-op Kestrel, same bodies", noOp.Url, Single, 1, 64, phase));
var half = single.RequestsPerSecond / 2;
results.Add(await HttpLoad.RunAsync($"ingest: 1 event/request at {half:N0} req/s (half peak)", ingest, Single, 1, 64, phase, half));

Console.WriteLine();
foreach (var result in results.Skip(1))
{
    Console.WriteLine(result);
}

Console.WriteLine();
Console.WriteLine($"CPU while ingesting batches of 100: ingest host (its thread pool runs Kestrel, parsing, Avro and produce calls) {hostCpu}");
Console.WriteLine($"  load generator and mock cluster (this process) {selfCpu}");
Console.WriteLine($"ratios: ingest batches / raw produce = {results[1].EventsPerSecond / rawRate:P0}; ingest single / no-op single = {single.RequestsPerSecond / results[4].RequestsPerSecond:P0}");
host.Kill(entireProcessTree: true);
return 0;

static byte[] Batch100(long sequence) =>
    Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Range(0, 100).Select(i => EventJson((sequence * 100) + i))) + "]");

static byte[] Single(long sequence) => Encoding.UTF8.GetBytes("[" + EventJson(sequence) + "]");

static byte[] Event(long sequence) => Encoding.UTF8.GetBytes(EventJson(sequence));

static string EventJson(long sequence) =>
    $$$"""{"specversion":"1.0","id":"bench-{{{sequence}}}","source":"/bench/orders","type":"order.created","time":"{{{DateTimeOffset.UtcNow:O}}}","partitionkey":"customer-{{{sequence % 1000}}}","data":{"order":{{{sequence}}},"amount":42.5,"currency":"EUR","lines":[{"sku":"A-1","qty":2}]}}""";

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static Process StartIngest(string bootstrap, string prefix, string url, bool receipts)
{
    var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
    start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "streams-host.dll"));
    start.ArgumentList.Add("--roles");
    start.ArgumentList.Add("ingest,schema-registry");
    start.Environment["Streams__Kafka__BootstrapServers"] = bootstrap;
    start.Environment["Streams__Kafka__Topics__Prefix"] = prefix;
    start.Environment["Streams__Ingest__Url"] = url;
    start.Environment["Streams__SchemaRegistry__Url"] = url;
    start.Environment["Streams__Ingest__RequireApiKey"] = "false";
    start.Environment["Streams__Receipts__Enabled"] = receipts ? "true" : "false";
    start.Environment["Logging__LogLevel__Default"] = "Warning";
    start.Environment["DOTNET_gcServer"] = "1";
    var process = Process.Start(start)!;
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, line) => { if (line.Data is not null) { Console.Error.WriteLine("ingest: " + line.Data); } };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitForReadyAsync(string url)
{
    using var http = new HttpClient();
    var deadline = DateTime.UtcNow.AddSeconds(30);
    while (DateTime.UtcNow < deadline)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url + "/readyz"));
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(200);
    }

    throw new TimeoutException("ingest did not become ready");
}

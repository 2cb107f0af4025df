using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Confluent.SchemaRegistry;
using Streams.DevCluster;
using Streams.Envelope;
using Streams.Kafka;
using Streams.LoadTests.Egress;

// Egress benchmark, bounded (about 1.5 minutes):
//   1. reference: the no-op receiver hammered directly with 100-event bodies, 16 connections;
//   2. egress alone: a backlog of --events on streams.normalised delivered in batches of 100 to the same receiver;
//   3. ingest → normaliser → egress at --rate events/s for --seconds: end-to-end lag (event time to receipt).
var events = Option("--events", 400_000);
var rate = Option("--rate", 20_000);
var seconds = Option("--seconds", 15);
Console.WriteLine($"Egress benchmark: {Environment.ProcessorCount} cores, local mock cluster (3 brokers, RF 3), 6 partitions");

using var cluster = LocalKafkaCluster.Start(3);
await using var receiver = await BenchReceiver.StartAsync();
// One schema registry for every host of the run, in a process of its own like the hops.
cluster.CreateTopic("_schemas", 1, 3);
var registryUrl = $"http://127.0.0.1:{FreePort()}";
using var registry = HostRun.Start("schema-registry", new Dictionary<string, string>
{
    ["Streams__Kafka__BootstrapServers"] = cluster.BootstrapServers,
    ["Streams__Host__Url"] = registryUrl,
    ["Logging__LogLevel__Default"] = "Warning",
    ["Logging__LogLevel__streams-host"] = "Information",
});
await registry.WaitUntilRunningAsync();
using var registryClient = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registryUrl });
var envelopeId = await registryClient.RegisterSchemaAsync(EnvelopeSchemas.Subject, new Schema(EnvelopeSchemas.CurrentJson, SchemaType.Avro));
var envelopes = new EnvelopeSerializer(registryClient, envelopeId, EnvelopeSchemas.Current);

var reference = await ReferenceAsync(receiver, TimeSpan.FromSeconds(5));
Console.WriteLine($"reference: no-op receiver, 100-event bodies, 16 connections   {reference,10:N0} req/s  {reference * 100,12:N0} events/s");

var backlog = Topics("tput.");
var produce = Stopwatch.StartNew();
BenchEvents.ProduceNormalised(cluster.BootstrapServers, backlog.Normalised, events, envelopes);
Console.WriteLine($"backlog: {events:N0} events on {backlog.Normalised} in {produce.Elapsed.TotalSeconds:0.0} s");
receiver.Reset();
using (var egress = HostRun.Start("egress", HostEnvironment(backlog, receiver)))
{
    await egress.WaitUntilRunningAsync();
    var deadline = Stopwatch.StartNew();
    while (receiver.Events < events && deadline.Elapsed < TimeSpan.FromSeconds(60))
    {
        await Task.Delay(100);
    }
}

var delivered = receiver.Events;
var active = receiver.ActiveTime.TotalSeconds;
Console.WriteLine($"egress: {delivered:N0} of {events:N0} events in {active:0.00} s, batches of 100   {receiver.Requests / active,10:N0} req/s  {delivered / active,12:N0} events/s");

var e2e = Topics("e2e.");
var ingestUrl = $"http://127.0.0.1:{FreePort()}";
var environment = HostEnvironment(e2e, receiver);
environment["Streams__Ingest__Url"] = ingestUrl;
environment["Streams__Ingest__RequireApiKey"] = "false";
using (var pipeline = HostRun.Start("ingest,normaliser,egress", environment))
{
    await pipeline.WaitUntilRunningAsync();
    // Both consumer groups have joined once a first batch has come all the way through.
    receiver.Reset();
    var probe = Stopwatch.StartNew();
    while (receiver.Events == 0 && probe.Elapsed < TimeSpan.FromSeconds(30))
    {
        await SendAtRateAsync(new Uri(ingestUrl + "/v1/events"), 1_000, TimeSpan.FromMilliseconds(100), DateTimeOffset.MaxValue);
        await Task.Delay(500);
    }

    Console.WriteLine($"pipeline: first events through after {probe.Elapsed.TotalSeconds:0.0} s");
    var warmUp = TimeSpan.FromSeconds(3);
    var lags = new LagRecorder(DateTimeOffset.UtcNow + warmUp);
    receiver.Lags = lags;
    var sent = await SendAtRateAsync(new Uri(ingestUrl + "/v1/events"), rate, warmUp + TimeSpan.FromSeconds(seconds), lags.From);
    var drain = Stopwatch.StartNew();
    while (lags.Count < sent.Measured && drain.Elapsed < TimeSpan.FromSeconds(10))
    {
        await Task.Delay(100);
    }

    receiver.Lags = null;
    Console.WriteLine(
        $"e2e: ingest → normaliser → egress at {sent.Rate:N0} events/s offered ({sent.Failed} failed requests), {lags.Count:N0} of {sent.Measured:N0} measured events received: " +
        $"p50 {lags.Percentile(0.50):0.0} ms  p95 {lags.Percentile(0.95):0.0} ms  p99 {lags.Percentile(0.99):0.0} ms");
    Console.WriteLine("  per hop (host's own histograms, whole run): " + await HopLags.DescribeAsync(new Uri(ingestUrl + "/metrics"), 0.95));
}

return 0;

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

TopicOptions Topics(string prefix)
{
    var topics = new TopicOptions { Prefix = prefix, Partitions = 6 };
    foreach (var topic in topics.All())
    {
        cluster.CreateTopic(topic, topics.Partitions, topics.ReplicationFactor);
    }

    return topics;
}

// The hosts run with the shipped defaults (no linger anywhere but the producers' 2 ms) except for where they connect,
// and with the fetch wait of the local settings: the mock cluster answers an empty fetch only after the full wait.
Dictionary<string, string> HostEnvironment(TopicOptions topics, BenchReceiver target) => new()
{
    ["Streams__Kafka__BootstrapServers"] = cluster.BootstrapServers,
    ["Streams__Kafka__FetchWaitMaxMs"] = "1",
    ["Streams__Kafka__Topics__Prefix"] = topics.Prefix,
    ["Streams__SchemaRegistry__Url"] = registryUrl,
    ["Streams__Normaliser__GroupId"] = topics.Prefix + "normaliser",
    ["Streams__Egress__GroupId"] = topics.Prefix + "egress",
    ["Streams__Egress__Subscriptions__0__Name"] = "bench",
    ["Streams__Egress__Subscriptions__0__Url"] = target.Url.ToString(),
    ["Streams__Egress__Subscriptions__0__Secret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    ["Streams__Egress__Subscriptions__0__BatchSize"] = "100",
    ["Streams__Egress__Subscriptions__0__MaxInFlight"] = "16",
    ["Logging__LogLevel__Default"] = "Warning",
    // The "running" line the benchmark waits for.
    ["Logging__LogLevel__streams-host"] = "Information",
};

static async Task<double> ReferenceAsync(BenchReceiver receiver, TimeSpan duration)
{
    using var http = new HttpClient();
    var body = BenchEvents.Batch(0, 100, DateTimeOffset.UtcNow);
    long requests = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
    {
        while (clock.Elapsed < duration)
        {
            using var content = new ByteArrayContent(body);
            using var response = await http.PostAsync(receiver.Url, content);
            response.EnsureSuccessStatusCode();
            Interlocked.Increment(ref requests);
        }
    }));
    return requests / clock.Elapsed.TotalSeconds;
}

// Batches of 100 events sent on a fixed schedule (open loop: a slow answer does not slow the sender down).
static async Task<(double Rate, long Measured, long Failed)> SendAtRateAsync(Uri ingest, int eventsPerSecond, TimeSpan duration, DateTimeOffset measureFrom)
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 });
    var media = new MediaTypeHeaderValue("application/cloudevents-batch+json");
    var interval = TimeSpan.FromSeconds(100.0 / eventsPerSecond);
    var inFlight = new List<Task>();
    long failed = 0;
    long measured = 0;
    var start = DateTimeOffset.UtcNow;
    var clock = Stopwatch.StartNew();
    for (var batch = 0L; clock.Elapsed < duration; batch++)
    {
        var due = interval * batch;
        if (due > clock.Elapsed)
        {
            await Task.Delay(due - clock.Elapsed);
        }

        var now = DateTimeOffset.UtcNow;
        measured += now >= measureFrom ? 100 : 0;
        inFlight.Add(PostAsync(http, ingest, BenchEvents.Batch(batch * 100, 100, now)));
        inFlight.RemoveAll(t => t.IsCompleted);
    }

    await Task.WhenAll(inFlight);
    return (measured / (clock.Elapsed - (measureFrom - start)).TotalSeconds, measured, failed);

    async Task PostAsync(HttpClient client, Uri url, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = media;
        using var response = await client.PostAsync(url, content);
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref failed);
        }
    }
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

using System.Diagnostics;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Streams.Audit;
using Streams.DevCluster;
using Streams.Envelope;
using Streams.Kafka;
using Streams.Kafka.Topics;
using Streams.Kafka.Consuming;
using Streams.Normaliser;
using Streams.Receipts;
using Streams.Telemetry;

namespace Streams.LoadTests.Normaliser;

/// <summary>
/// The real normaliser role (worker, handler, manual commits) over the local cluster: records pre-loaded into
/// <c>ingested</c>, timed from the first record on <c>normalised</c> until all are there (so the group join is not
/// counted); next to a pass-through hop on the same loop.
/// </summary>
internal static class KafkaThroughput
{
    private const int Partitions = 6;

    public static async Task RunAsync(IReadOnlyList<byte[]> records, bool receipts, TimeSpan timeout)
    {
        using var cluster = LocalKafkaCluster.Start(3);
        Console.WriteLine($"normaliser over the local cluster (3 brokers, RF 3, {Partitions} partitions, acks=all): {records.Count:N0} records pre-loaded, rate from the first output on");
        var reference = await TimeAsync(cluster, "ref.", records, receipts, timeout, (services, topics) =>
        {
            var provider = services.BuildServiceProvider();
            var clients = provider.GetRequiredService<KafkaClientFactory>();
            var producer = provider.GetRequiredService<KafkaProducerHandle>();
            var engine = new ConsumerEngine(
                clients,
                new ConsumerEngineSettings("ref.group", [topics.Ingested]) { MaxBatchSize = 2000, MaxBatchWait = TimeSpan.FromMilliseconds(5) },
                new PassThroughHandler(producer.Producer, topics.Normalised),
                provider.GetRequiredService<StreamsMetrics>(),
                TimeProvider.System,
                provider.GetRequiredService<ILogger<ConsumerEngine>>());
            return (provider, engine.RunAsync);
        });
        Console.WriteLine($"  reference: pass-through hop, same loop        {reference,12:N0} events/s");
        var normaliser = await TimeAsync(cluster, "norm.", records, receipts, timeout, (services, _) =>
        {
            services.AddStreamsAudit();
            services.AddNormaliser();
            services.AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
            services.AddSingleton<ISchemaRegistryClient>(BenchEnvelopes.Registry);
            var provider = services.BuildServiceProvider();
            var worker = provider.GetServices<IHostedService>().OfType<NormaliserWorker>().Single();
            var receiptWriter = provider.GetRequiredService<ReceiptWriter>();
            return (provider, async token =>
            {
                // No host runs here: the envelope schema is set up by hand, as the host does after start-up.
                await provider.GetRequiredService<EnvelopeSerializerProvider>().StartedAsync(token);
                await provider.GetRequiredService<TopicReadiness>().StartAsync(token);
                await receiptWriter.StartAsync(token);
                await worker.StartAsync(token);
                await token.WhenCancelled();
                await worker.StopAsync(CancellationToken.None);
                await receiptWriter.StopAsync(CancellationToken.None);
                await provider.GetRequiredService<TopicReadiness>().StopAsync(CancellationToken.None);
            });
        });
        Console.WriteLine($"  normaliser: dedup + rules + canonical form    {normaliser,12:N0} events/s ({normaliser / reference:P0} of pass-through)");
    }

    private static async Task<double> TimeAsync(
        LocalKafkaCluster cluster,
        string prefix,
        IReadOnlyList<byte[]> records,
        bool receipts,
        TimeSpan timeout,
        Func<IServiceCollection, TopicOptions, (ServiceProvider Provider, Func<CancellationToken, Task> Run)> build)
    {
        var topics = new TopicOptions { Prefix = prefix, Partitions = Partitions };
        foreach (var topic in topics.All())
        {
            cluster.CreateTopic(topic, topics.Partitions, topics.ReplicationFactor);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Streams:Kafka:BootstrapServers"] = cluster.BootstrapServers,
            ["Streams:Kafka:Topics:Prefix"] = prefix,
            ["Streams:Normaliser:GroupId"] = prefix + "group",
            ["Streams:Receipts:Enabled"] = receipts ? "true" : "false",
            // Set but never asked: the in-memory registry stands in for it, and the schema id is given.
            ["Streams:SchemaRegistry:Url"] = "http://127.0.0.1:9",
            ["Streams:Envelope:SchemaId"] = BenchEnvelopes.SchemaId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(logging => logging.AddConfiguration(configuration).AddSimpleConsole().SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(TimeProvider.System)
            .AddStreamsKafka()
            .AddStreamsTelemetry();
        var (provider, run) = build(services, topics);
        await using (provider)
        {
            Preload(provider.GetRequiredService<KafkaProducerHandle>().Producer, topics.Ingested, records);
            using var stop = new CancellationTokenSource();
            var running = run(stop.Token);
            var deadline = DateTime.UtcNow + timeout;
            // The hop's rate from its first output on, so joining the group and the first fetch do not count.
            (TimeSpan At, long Count)? first = null;
            var watch = Stopwatch.StartNew();
            long written;
            while ((written = Count(provider.GetRequiredService<KafkaClientFactory>(), topics.Normalised)) < records.Count)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{topics.Normalised} did not reach {records.Count} records in {timeout}");
                }

                if (first is null && written > 0)
                {
                    first = (watch.Elapsed, written);
                }

                await Task.Delay(20);
            }

            var (from, already) = first ?? (TimeSpan.Zero, 0);
            var elapsed = watch.Elapsed - from;
            await stop.CancelAsync();
            await running;
            return (records.Count - already) / elapsed.TotalSeconds;
        }
    }

    private static void Preload(IProducer<byte[]?, byte[]> producer, string topic, IReadOnlyList<byte[]> records)
    {
        var delivery = new DeliveryBatch();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < records.Count; i++)
        {
            var headers = new Headers();
            headers.SetMilliseconds(StreamsHeaders.EventTime, now);
            headers.SetMilliseconds(StreamsHeaders.IngestTime, now);
            var key = System.Text.Encoding.UTF8.GetBytes("key-" + (i % 64));
            delivery.ProduceWaiting(producer, topic, new Message<byte[]?, byte[]> { Key = key, Value = records[i], Headers = headers }, CancellationToken.None);
        }

        delivery.Seal();
        delivery.Completion.GetAwaiter().GetResult();
    }

    private static long Count(KafkaClientFactory clients, string topic)
    {
        using var consumer = clients.CreateConsumer("counter");
        return Enumerable.Range(0, Partitions)
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(5)).High.Value);
    }
}

using System.Net;
using Confluent.Kafka;
using Streams.DevCluster;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>
/// Ingest under Kafka faults injected into the real local cluster: it never answers 200 for what
/// Kafka did not acknowledge, and a sender's retry after recovery gets every event delivered.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class IngestFaultTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Post_AllBrokersDown_503EveryTimeThenRetryDeliversEverything()
    {
        // Arrange
        await using var run = await PipelineRun.StartAsync(cluster);
        var batches = Batches("down", 10);
        List<HttpResponseMessage> during;

        // Act
        try
        {
            cluster.Cluster.SetAllBrokersDown();
            await Eventually.WaitUntilAsync(() => run.Readiness() == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), () => "readyz stayed 200 with every broker down");
            during = [.. await Task.WhenAll(batches.Select(batch => run.Ingest.PostAsync(batch)))];
        }
        finally
        {
            cluster.Cluster.SetAllBrokersUp();
        }

        var retried = await Task.WhenAll(batches.Select(run.PostUntilAcceptedAsync));
        await run.WaitForAllAsync(batches);

        // Assert
        Assert.All(during, answer => Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode));
        Assert.All(during, answer => Assert.NotNull(answer.Headers.RetryAfter));
        Assert.All(retried, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Theory]
    [InlineData(ErrorCode.NotEnoughReplicas)]
    [InlineData(ErrorCode.RequestTimedOut)]
    public async Task Post_ProduceErrorsInjected_503ThenRetryDeliversEverything(ErrorCode error)
    {
        // Arrange
        await using var run = await PipelineRun.StartAsync(cluster);
        var batches = Batches(error.ToString(), 5);
        HttpResponseMessage[] during;

        // Act
        try
        {
            // Enough failures to outlast the ack time-out at librdkafka's retry pace.
            cluster.Cluster.PushRequestErrors(KafkaApi.Produce, [.. Enumerable.Repeat(error, 500)]);
            during = await Task.WhenAll(batches.Select(batch => run.Ingest.PostAsync(batch)));
        }
        finally
        {
            cluster.Cluster.ClearRequestErrors(KafkaApi.Produce);
        }

        var retried = await Task.WhenAll(batches.Select(run.PostUntilAcceptedAsync));
        await run.WaitForAllAsync(batches);

        // Assert
        Assert.All(during, answer => Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode));
        Assert.All(retried, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task Post_BrokersSlowerThanTheAckTimeout_503ThenRetryDeliversEverything()
    {
        // Arrange
        await using var run = await PipelineRun.StartAsync(cluster);
        var batches = Batches("slow", 5);
        HttpResponseMessage[] during;

        // Act
        try
        {
            ForEachBroker(id => cluster.Cluster.SetRoundTripTime(id, TimeSpan.FromSeconds(5)));
            during = await Task.WhenAll(batches.Select(batch => run.Ingest.PostAsync(batch)));
        }
        finally
        {
            ForEachBroker(id => cluster.Cluster.SetRoundTripTime(id, TimeSpan.Zero));
        }

        var retried = await Task.WhenAll(batches.Select(run.PostUntilAcceptedAsync));
        await run.WaitForAllAsync(batches);

        // Assert
        Assert.All(during, answer => Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode));
        Assert.All(retried, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    private void ForEachBroker(Action<int> action)
    {
        for (var id = 1; id <= cluster.Cluster.BrokerCount; id++)
        {
            action(id);
        }
    }

    private static List<IReadOnlyList<object>> Batches(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => CloudEventBatches.Create($"{prefix}{i}", 10))];

    /// <summary>Ingest, normaliser and egress with a receiver: the whole path, so "delivered" can be checked.</summary>
    private sealed class PipelineRun : IAsyncDisposable
    {
        private readonly HostProcess _host;
        private readonly TestReceiver _receiver;

        private PipelineRun(HostProcess host, TestReceiver receiver, IngestClient ingest)
        {
            _host = host;
            _receiver = receiver;
            Ingest = ingest;
        }

        public IngestClient Ingest { get; }

        public static async Task<PipelineRun> StartAsync(LocalClusterFixture cluster)
        {
            var receiver = await TestReceiver.StartAsync();
            var pipeline = new Pipeline(cluster, cluster.CreateTopics()).Set("Streams__Ingest__AckTimeoutMs", "3000");
            pipeline.Subscribe("faults", receiver.Url);
            var host = pipeline.Start("ingest,normaliser,egress");
            await host.WaitUntilRunningAsync();
            return new PipelineRun(host, receiver, new IngestClient(pipeline.IngestUrl));
        }

        public HttpStatusCode Readiness()
        {
            using var response = Ingest.GetAsync("readyz").GetAwaiter().GetResult();
            return response.StatusCode;
        }

        /// <summary>What a well-behaved sender does: retry the same batch after Retry-After until it is accepted.</summary>
        public async Task<HttpStatusCode> PostUntilAcceptedAsync(IReadOnlyList<object> batch)
        {
            var deadline = DateTime.UtcNow + Recovery;
            while (true)
            {
                using var answer = await Ingest.PostAsync(batch);
                if (answer.StatusCode != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
                {
                    return answer.StatusCode;
                }

                await Task.Delay(answer.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            }
        }

        public Task WaitForAllAsync(IEnumerable<IReadOnlyList<object>> batches)
        {
            var ids = batches.SelectMany(b => b).Select(e => (string)e.GetType().GetProperty("id")!.GetValue(e)!).ToList();
            return Eventually.WaitUntilAsync(() => _receiver.HasAll(ids), Recovery, () => $"{ids.Count(_receiver.Deliveries.ContainsKey)} of {ids.Count} delivered");
        }

        public async ValueTask DisposeAsync()
        {
            Ingest.Dispose();
            await _host.DisposeAsync();
            await _receiver.DisposeAsync();
        }
    }
}

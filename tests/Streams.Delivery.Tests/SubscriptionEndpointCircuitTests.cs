using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;
using Streams.Telemetry;
using Streams.Telemetry.Scraping;

namespace Streams.Delivery.Tests;

/// <summary>The circuit breaker judges batches after their local retries, skips without a request while open, and probes (issue 14).</summary>
public sealed class SubscriptionEndpointCircuitTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DeliverAsync_EveryBatchFailsTwiceThenSucceeds_CircuitNeverOpens()
    {
        // Arrange: two of every three attempts fail, far above the failure ratio if attempts were counted.
        var receiver = new ScriptedReceiver(attempt => attempt <= 2 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK);
        using var endpoint = CreateEndpoint(receiver, localRetries: 3);

        // Act
        var results = new List<BatchDeliveryResult>();
        for (var index = 0; index < 20; index++)
        {
            results.Add(await endpoint.DeliverAsync(Batch(index), CancellationToken.None, CancellationToken.None));
        }

        // Assert
        Assert.All(results, result =>
        {
            Assert.Equal(DeliveryOutcomeKind.Delivered, result.Outcome.Kind);
            Assert.Equal(3, result.Attempts);
            Assert.Null(result.CircuitOpenFor);
        });
    }

    [Fact]
    public async Task DeliverAsync_BatchesKeepFailingAfterLocalRetries_OpensAndSkipsTheNextWithoutARequest()
    {
        // Arrange
        var receiver = new ScriptedReceiver(_ => HttpStatusCode.ServiceUnavailable);
        using var endpoint = CreateEndpoint(receiver, localRetries: 1);
        var failed = new List<BatchDeliveryResult>();
        for (var index = 0; index < 5; index++)
        {
            failed.Add(await endpoint.DeliverAsync(Batch(index), CancellationToken.None, CancellationToken.None));
        }

        var requestsBefore = receiver.Requests;

        // Act
        var skipped = await endpoint.DeliverAsync(Batch(5), CancellationToken.None, CancellationToken.None);

        // Assert: five batches tried in full (two attempts each), then the circuit is open and nothing is sent.
        Assert.All(failed, result =>
        {
            Assert.Equal(DeliveryOutcomeKind.Retryable, result.Outcome.Kind);
            Assert.Equal(2, result.Attempts);
            Assert.Null(result.CircuitOpenFor);
        });
        Assert.Equal(DeliveryOutcomeKind.Retryable, skipped.Outcome.Kind);
        Assert.Equal(0, skipped.Attempts);
        Assert.InRange(skipped.CircuitOpenFor!.Value, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(500));
        Assert.Equal(requestsBefore, receiver.Requests);
    }

    [Fact]
    public async Task DeliverAsync_ReceiverRecoversWhileOpen_OneProbeAfterTheBreakClosesTheCircuit()
    {
        // Arrange: open the circuit, then let the receiver recover.
        var healthy = false;
        var receiver = new ScriptedReceiver(_ => Volatile.Read(ref healthy) ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
        using var endpoint = CreateEndpoint(receiver, localRetries: 0);
        for (var index = 0; index < 5; index++)
        {
            await endpoint.DeliverAsync(Batch(index), CancellationToken.None, CancellationToken.None);
        }

        Volatile.Write(ref healthy, true);
        var requestsWhenOpened = receiver.Requests;

        // Act: keep offering batches until one goes through.
        var started = DateTimeOffset.UtcNow;
        BatchDeliveryResult probe;
        var offered = 5;
        do
        {
            Assert.True(DateTimeOffset.UtcNow - started < Deadline, "the circuit never let a probe through");
            probe = await endpoint.DeliverAsync(Batch(offered++), CancellationToken.None, CancellationToken.None);
            if (probe.CircuitOpenFor is { } wait)
            {
                await Task.Delay(wait);
            }
        }
        while (probe.Outcome.Kind != DeliveryOutcomeKind.Delivered);

        var after = await endpoint.DeliverAsync(Batch(offered), CancellationToken.None, CancellationToken.None);

        // Assert: while open nothing was sent; the single probe was delivered and closed the circuit.
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(400), "a probe went through before the break was over");
        Assert.Equal(requestsWhenOpened + 2, receiver.Requests);
        Assert.Equal(DeliveryOutcomeKind.Delivered, after.Outcome.Kind);
        Assert.Null(after.CircuitOpenFor);
    }

    [Fact]
    public async Task DeliverAsync_CircuitOpens_CircuitStateGaugeGoesFromClosedToOpen()
    {
        // Arrange
        var registry = Metrics.NewCustomRegistry();
        using var endpoint = CreateEndpoint(new ScriptedReceiver(_ => HttpStatusCode.ServiceUnavailable), localRetries: 0, registry);
        var before = await CircuitStateAsync(registry);

        // Act
        for (var index = 0; index < 5; index++)
        {
            await endpoint.DeliverAsync(Batch(index), CancellationToken.None, CancellationToken.None);
        }

        // Assert: the SRE page and dashboards read 0 closed, 2 open.
        Assert.Equal((double)CircuitPosition.Closed, before);
        Assert.Equal((double)CircuitPosition.Open, await CircuitStateAsync(registry));
    }

    private static async Task<double> CircuitStateAsync(CollectorRegistry registry)
    {
        using var exposition = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(exposition);
        return PrometheusText.Parse(System.Text.Encoding.UTF8.GetString(exposition.ToArray()))
            .Single(sample => sample.Name == "streams_circuit_state" && sample.Labels["subscription"] == "circuit").Value;
    }

    private static SubscriptionEndpoint CreateEndpoint(ScriptedReceiver receiver, int localRetries, CollectorRegistry? registry = null)
    {
        var options = new SubscriptionOptions
        {
            Name = "circuit",
            Url = "http://receiver.test/hook",
            LocalRetries = localRetries,
            RetryDelayMs = 1,
            CircuitBreakMs = 500,
        };
        var client = new WebhookClient(new HttpClient(receiver), TimeProvider.System);
        return new SubscriptionEndpoint(options, client, new StreamsMetrics(registry ?? Metrics.NewCustomRegistry()), TimeProvider.System, NullLogger.Instance);
    }

    private static WebhookBatch Batch(int index) => new($"msg_{index}", "[]"u8.ToArray(), 1);
}

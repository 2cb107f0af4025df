using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;
using Streams.Telemetry;
using Streams.Telemetry.Scraping;

namespace Streams.Delivery.Tests;

/// <summary>The circuit breaker judges batches after their local retries, skips without a request while open, and probes (issue 14).</summary>
public sealed class SubscriptionEndpointCircuitTests
{
    private static readonly TimeSpan Break = TimeSpan.FromMilliseconds(500);

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
        Assert.InRange(skipped.CircuitOpenFor!.Value, TimeSpan.FromTicks(1), Break);
        Assert.Equal(requestsBefore, receiver.Requests);
    }

    [Fact]
    public async Task DeliverAsync_ReceiverRecoversWhileOpen_OneProbeAfterTheBreakClosesTheCircuit()
    {
        // Arrange: open the circuit, then let the receiver recover. The breaker's clock is moved by hand,
        // so a busy machine cannot stretch the break or shorten what is left of it.
        var healthy = false;
        var receiver = new ScriptedReceiver(_ => Volatile.Read(ref healthy) ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var endpoint = CreateEndpoint(receiver, localRetries: 0, clock: clock);
        for (var index = 0; index < 5; index++)
        {
            await endpoint.DeliverAsync(Batch(index), CancellationToken.None, CancellationToken.None);
        }

        Volatile.Write(ref healthy, true);
        var requestsWhenOpened = receiver.Requests;

        // Act: offer a batch just before the break is over, then one as it ends, then one more.
        clock.Advance(Break - TimeSpan.FromMilliseconds(1));
        var beforeTheEnd = await endpoint.DeliverAsync(Batch(5), CancellationToken.None, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var probe = await endpoint.DeliverAsync(Batch(6), CancellationToken.None, CancellationToken.None);
        var after = await endpoint.DeliverAsync(Batch(7), CancellationToken.None, CancellationToken.None);

        // Assert: while open nothing was sent; the single probe was delivered and closed the circuit.
        Assert.Equal(0, beforeTheEnd.Attempts);
        Assert.Equal(TimeSpan.FromMilliseconds(1), beforeTheEnd.CircuitOpenFor);
        Assert.Equal(DeliveryOutcomeKind.Delivered, probe.Outcome.Kind);
        Assert.Null(probe.CircuitOpenFor);
        Assert.Equal(DeliveryOutcomeKind.Delivered, after.Outcome.Kind);
        Assert.Null(after.CircuitOpenFor);
        Assert.Equal(requestsWhenOpened + 2, receiver.Requests);
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

    private static SubscriptionEndpoint CreateEndpoint(ScriptedReceiver receiver, int localRetries, CollectorRegistry? registry = null, TimeProvider? clock = null)
    {
        var options = new SubscriptionOptions
        {
            Name = "circuit",
            Url = "http://receiver.test/hook",
            LocalRetries = localRetries,
            RetryDelayMs = 1,
            CircuitBreakMs = (int)Break.TotalMilliseconds,
        };
        var client = new WebhookClient(new HttpClient(receiver), TimeProvider.System);
        return new SubscriptionEndpoint(options, client, new StreamsMetrics(registry ?? Metrics.NewCustomRegistry()), clock ?? TimeProvider.System, NullLogger.Instance);
    }

    private static WebhookBatch Batch(int index) => new($"msg_{index}", "[]"u8.ToArray(), 1);
}

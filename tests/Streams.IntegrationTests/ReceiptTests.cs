using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>
/// Per-event receipts through real hosts on the real local cluster: every hop writes its receipt to the receipts topic,
/// and ingest's <c>GET /v1/events/{source}/{id}</c> answers from its index of that topic.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class ReceiptTests(LocalClusterFixture cluster)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Lookup_DeliveredEvent_ShowsAcceptedNormalisedAndDelivered()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var topics = cluster.CreateTopics();
        var pipeline = new Pipeline(cluster, topics);
        pipeline.Subscribe("shop", receiver.Url);
        await using var host = pipeline.Start("ingest,receipts,normaliser,egress");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();
        var batch = CloudEventBatches.Create("receipts-delivered", 3);

        // Act
        using var posted = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, batch);
        // Caught up too: the index learns each partition's end once a second, so for a moment after the last receipt
        // it may still count records behind; once the traffic stops it must say it has read everything.
        var receipt = await ReceiptLookups.WaitForAsync(
            http,
            pipeline.IngestUrl,
            "/tests/receipts-delivered",
            "receipts-delivered-1",
            r => ReceiptLookups.StateOf(r, "shop") == "delivered" && !r.GetProperty("catchingUp").GetBoolean(),
            Timeout);

        // Assert
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("/tests/receipts-delivered", receipt.GetProperty("source").GetString());
        Assert.Equal("receipts-delivered-1", receipt.GetProperty("id").GetString());
        var accepted = receipt.GetProperty("accepted");
        Assert.Equal(topics.Ingested, accepted.GetProperty("topic").GetString());
        var ingested = await RecordAtAsync(topics.Ingested, accepted);
        Assert.Equal(["receipts-delivered-1"], cluster.Envelopes.EventIds([ingested]));
        var normaliser = receipt.GetProperty("normaliser");
        Assert.Equal("normalised", normaliser.GetProperty("outcome").GetString());
        Assert.Equal(topics.Normalised, normaliser.GetProperty("topic").GetString());
        var normalised = await RecordAtAsync(topics.Normalised, normaliser);
        Assert.Equal(["receipts-delivered-1"], cluster.Envelopes.EventIds([normalised]));
        var delivered = ReceiptLookups.Subscription(receipt, "shop")!.Value;
        Assert.Equal(200, delivered.GetProperty("status").GetInt32());
        Assert.Equal(1, delivered.GetProperty("attempts").GetInt32());
        var request = receiver.Requests.Single(r => r.EventIds.Contains("receipts-delivered-1"));
        Assert.Equal(request.Headers["webhook-id"], delivered.GetProperty("webhookId").GetString());
        Assert.True(DateTimeOffset.Parse(delivered.GetProperty("time").GetString()!, CultureInfo.InvariantCulture) >= DateTimeOffset.Parse(accepted.GetProperty("time").GetString()!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Lookup_GoneAndFailingReceivers_ShowDeadLetteredAndRetrying()
    {
        // Arrange
        await using var gone = await TestReceiver.StartAsync(_ => StatusCodes.Gone);
        await using var failing = await TestReceiver.StartAsync(_ => StatusCodes.InternalServerError);
        var pipeline = new Pipeline(cluster, cluster.CreateTopics());
        pipeline.Subscribe("gone", gone.Url);
        pipeline.Subscribe("failing", failing.Url, new Dictionary<string, string> { ["LocalRetries"] = "1", ["RetryDelayMs"] = "10" });
        await using var host = pipeline.Start("ingest,receipts,normaliser,egress");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();
        var before = DateTimeOffset.UtcNow;

        // Act
        var (posted, receipt) = await SendOneAndWaitAsync(http, pipeline, "receipts-failed", ("gone", "dead-lettered"), ("failing", "retrying"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, posted);
        var deadLettered = ReceiptLookups.Subscription(receipt, "gone")!.Value;
        Assert.Equal(410, deadLettered.GetProperty("status").GetInt32());
        Assert.Contains("410", deadLettered.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var retrying = ReceiptLookups.Subscription(receipt, "failing")!.Value;
        Assert.Equal(500, retrying.GetProperty("status").GetInt32());
        Assert.Equal(2, retrying.GetProperty("attempts").GetInt32());
        Assert.Equal("30s", retrying.GetProperty("tier").GetString());
        var next = DateTimeOffset.Parse(retrying.GetProperty("nextAttemptAt").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(next, before + TimeSpan.FromSeconds(29), DateTimeOffset.UtcNow + TimeSpan.FromSeconds(31));
        Assert.Equal(2, failing.Requests.Count());
        Assert.Equal(failing.Requests.Select(r => r.Headers["webhook-id"]).Distinct().Single(), retrying.GetProperty("webhookId").GetString());
    }

    [Fact]
    public async Task Lookup_EgressHandsToATierThenTheRetrierSettles_ShowsTheRetriersDeliveryAndDeadLetter()
    {
        // Arrange: each receiver fails egress's only attempt (no local retries), so only the retrier can settle the event.
        var recoveringAnswers = 0;
        var goneAnswers = 0;
        await using var recovering = await TestReceiver.StartAsync(_ => Interlocked.Increment(ref recoveringAnswers) == 1 ? 503 : 200);
        await using var gone = await TestReceiver.StartAsync(_ => Interlocked.Increment(ref goneAnswers) == 1 ? 503 : StatusCodes.Gone);
        var pipeline = new Pipeline(cluster, cluster.CreateTopics(retryTiers: ["1s", "2s"]));
        var once = new Dictionary<string, string> { ["LocalRetries"] = "0" };
        pipeline.Subscribe("recovering", recovering.Url, once);
        pipeline.Subscribe("gone", gone.Url, once);
        await using var host = pipeline.Start("ingest,receipts,normaliser,egress,retrier");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();

        // Act
        var (posted, receipt) = await SendOneAndWaitAsync(http, pipeline, "receipts-retried", ("recovering", "delivered"), ("gone", "dead-lettered"));

        // Assert: two attempts in all, the second the retrier's, whose request the receipt names.
        Assert.Equal(HttpStatusCode.OK, posted);
        var delivered = ReceiptLookups.Subscription(receipt, "recovering")!.Value;
        Assert.Equal(200, delivered.GetProperty("status").GetInt32());
        Assert.Equal(2, delivered.GetProperty("attempts").GetInt32());
        Assert.Equal(recovering.Requests.Last().Headers["webhook-id"], delivered.GetProperty("webhookId").GetString());
        var deadLettered = ReceiptLookups.Subscription(receipt, "gone")!.Value;
        Assert.Equal(410, deadLettered.GetProperty("status").GetInt32());
        Assert.Equal(2, deadLettered.GetProperty("attempts").GetInt32());
        Assert.Contains("410", deadLettered.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, recovering.Requests.Count());
        Assert.Equal(2, gone.Requests.Count());
    }

    [Fact]
    public async Task Lookup_FilteredAndResentEvents_ShowFilteredAndKeepTheNormalisedCopy()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var pipeline = new Pipeline(cluster, cluster.CreateTopics());
        pipeline.Subscribe("shop", receiver.Url);
        pipeline.Set("Streams__Normaliser__Rules__0__Name", "no-noise").Set("Streams__Normaliser__Rules__0__Type", "test.noise").Set("Streams__Normaliser__Rules__0__Drop", "true");
        await using var host = pipeline.Start("ingest,receipts,normaliser,egress");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();
        var resent = CloudEventBatches.Create("receipts-resent", 1);

        // Act
        using var noise = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, CloudEventBatches.Create("receipts-noise", 1, type: "test.noise"));
        using var first = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, resent);
        await ReceiptLookups.WaitForAsync(http, pipeline.IngestUrl, "/tests/receipts-resent", "receipts-resent-0", r => ReceiptLookups.StateOf(r, "shop") == "delivered", Timeout);
        using var second = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, resent);
        var filtered = await ReceiptLookups.WaitForAsync(
            http, pipeline.IngestUrl, "/tests/receipts-noise", "receipts-noise-0", r => r.GetProperty("normaliser").ValueKind == JsonValueKind.Object, Timeout);
        var afterResend = await ReceiptLookups.WaitForAsync(
            http, pipeline.IngestUrl, "/tests/receipts-resent", "receipts-resent-0", r => r.GetProperty("normaliser").GetProperty("duplicateAt").ValueKind == JsonValueKind.String, Timeout);

        // Assert
        Assert.Equal(HttpStatusCode.OK, noise.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("filtered", filtered.GetProperty("normaliser").GetProperty("outcome").GetString());
        Assert.Contains("no-noise", filtered.GetProperty("normaliser").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(filtered.GetProperty("subscriptions").EnumerateArray());
        Assert.Equal("normalised", afterResend.GetProperty("normaliser").GetProperty("outcome").GetString());
        Assert.Equal("delivered", ReceiptLookups.StateOf(afterResend, "shop"));
        Assert.Equal(1, receiver.Deliveries["receipts-resent-0"]);
    }

    [Fact]
    public async Task Lookup_AfterTheHostRestarts_IsAnsweredFromKafka()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var pipeline = new Pipeline(cluster, cluster.CreateTopics());
        pipeline.Subscribe("shop", receiver.Url);
        await using (var first = pipeline.Start("ingest,receipts,normaliser,egress"))
        {
            await first.WaitUntilRunningAsync();
            using var client = new HttpClient();
            using var posted = await CloudEventBatches.PostAsync(client, pipeline.IngestUrl, CloudEventBatches.Create("receipts-restart", 2));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            await ReceiptLookups.WaitForAsync(
                client, pipeline.IngestUrl, "/tests/receipts-restart", "receipts-restart-1", r => ReceiptLookups.StateOf(r, "shop") == "delivered", Timeout);
            await first.StopAsync(TimeSpan.FromSeconds(30));
        }

        // Act: a new process, the receipts role alone, that has nothing in memory.
        await using var second = pipeline.Start("receipts");
        await second.WaitUntilRunningAsync();
        using var http = new HttpClient();
        var receipt = await ReceiptLookups.WaitForAsync(
            http, pipeline.IngestUrl, "/tests/receipts-restart", "receipts-restart-1", r => ReceiptLookups.StateOf(r, "shop") == "delivered", Timeout);

        // Assert
        Assert.Equal("normalised", receipt.GetProperty("normaliser").GetProperty("outcome").GetString());
        Assert.Equal(200, ReceiptLookups.Subscription(receipt, "shop")!.Value.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Lookup_ApiKeys_AuthoriseLikeSendingAndDecodeSlashesInTheSource()
    {
        // Arrange
        const string key = "receipts-key";
        var pipeline = new Pipeline(cluster, cluster.CreateTopics())
            .Set("Streams__Ingest__RequireApiKey", "true")
            .Set("Streams__Ingest__ApiKeys__0__Name", "shop")
            .Set("Streams__Ingest__ApiKeys__0__Sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))))
            .Set("Streams__Ingest__ApiKeys__0__Sources__0", "/shop/");
        await using var host = pipeline.Start("ingest,receipts,normaliser");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        var source = "/shop/eu/50%";
        var events = new[] { new { specversion = "1.0", id = "order/17", source, type = "order.created" } };

        // Act
        using var posted = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, events);
        var found = await ReceiptLookups.WaitForAsync(
            http, pipeline.IngestUrl, source, "order/17", r => r.TryGetProperty("normaliser", out var n) && n.ValueKind == JsonValueKind.Object, Timeout, key);
        using var anonymous = new HttpClient();
        var noKey = await ReceiptLookups.GetAsync(anonymous, pipeline.IngestUrl, source, "order/17");
        var wrongKey = await ReceiptLookups.GetAsync(anonymous, pipeline.IngestUrl, source, "order/17", "not-a-key");
        var otherSource = await ReceiptLookups.GetAsync(http, pipeline.IngestUrl, "/billing/eu", "order/17", key);
        var unknown = await ReceiptLookups.GetAsync(http, pipeline.IngestUrl, source, "order/18", key);
        using var unencoded = await http.GetAsync(new Uri(pipeline.IngestUrl + "/v1/events//shop/eu/order-17"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(source, found.GetProperty("source").GetString());
        Assert.Equal("order/17", found.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.Status);
        Assert.Equal(HttpStatusCode.Forbidden, otherSource.Status);
        Assert.Equal("application/problem+json", otherSource.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("application/problem+json", unknown.MediaType);
        Assert.False(unknown.Body.GetProperty("catchingUp").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, unencoded.StatusCode);
    }

    /// <summary>
    /// Sends one event, <c>{name}-0</c> of source <c>/tests/{name}</c>, and waits until each subscription's receipt is in
    /// its state; returns ingest's answer and that receipt.
    /// </summary>
    private static async Task<(HttpStatusCode Posted, JsonElement Receipt)> SendOneAndWaitAsync(
        HttpClient http, Pipeline pipeline, string name, params (string Subscription, string State)[] until)
    {
        using var posted = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, CloudEventBatches.Create(name, 1));
        var receipt = await ReceiptLookups.WaitForAsync(
            http,
            pipeline.IngestUrl,
            $"/tests/{name}",
            $"{name}-0",
            r => until.All(expected => ReceiptLookups.StateOf(r, expected.Subscription) == expected.State),
            Timeout);
        return (posted.StatusCode, receipt);
    }

    /// <summary>The record at the receipt's partition and offset, read back from Kafka.</summary>
    private async Task<ConsumeResult<byte[]?, byte[]>> RecordAtAsync(string topic, JsonElement at)
    {
        var partition = at.GetProperty("partition").GetInt32();
        var offset = at.GetProperty("offset").GetInt64();
        var records = await TopicReader.ReadAsync(
            cluster.BootstrapServers, topic, read => read.Any(r => r.Partition.Value == partition && r.Offset.Value == offset), Timeout);
        return records.Single(r => r.Partition.Value == partition && r.Offset.Value == offset);
    }

    private static class StatusCodes
    {
        public const int Gone = 410;
        public const int InternalServerError = 500;
    }
}

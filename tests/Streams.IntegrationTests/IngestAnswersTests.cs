using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>Every answer of the ingest contract, from a real ingest process over the local cluster.</summary>
[Collection(ClusterTests.Name)]
public sealed class IngestAnswersTests(LocalClusterFixture cluster, SharedHost host) : IClassFixture<SharedHost>
{
    private const string GoodKey = "key-for-tests-allowed";
    private const string LimitedKey = "key-with-a-rate-limit";

    [Fact]
    public async Task Post_ValidBatch_200WithAcceptedCountAndRecordsOnKafka()
    {
        // Arrange
        using var ingest = await StartAsync();
        var events = Events("ok", 20);

        // Act
        using var response = await ingest.PostAsync(events, GoodKey);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var records = await ReadIngestedUntilAsync("ok-19");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(20, body.GetProperty("accepted").GetInt32());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"ok-{i}").Order(), cluster.Envelopes.EventIds(records).Where(id => id.StartsWith("ok-", StringComparison.Ordinal)).Order());
    }

    [Fact]
    public async Task Post_OneStructuredEvent_200()
    {
        // Arrange
        using var ingest = await StartAsync();

        // Act
        using var response = await ingest.PostAsync(Events("single", 1)[0], GoodKey, "application/cloudevents+json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_NoKeyOrUnknownKey_401WithWwwAuthenticate()
    {
        // Arrange
        using var ingest = await StartAsync();

        // Act
        using var none = await ingest.PostAsync(Events("nokey", 1));
        using var unknown = await ingest.PostAsync(Events("badkey", 1), "not-a-configured-key");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("Bearer", Assert.Single(unknown.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(401, (await IngestClient.ProblemAsync(unknown)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Post_SourceOutsideTheKeysPrefixes_403NamingTheEvent()
    {
        // Arrange
        using var ingest = await StartAsync();
        var events = Events("forbidden", 3);
        events[2]["source"] = "/somewhere/else";

        // Act
        using var response = await ingest.PostAsync(events, GoodKey);
        var problem = await IngestClient.ProblemAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = Assert.Single(problem.GetProperty("errors").EnumerateArray());
        Assert.Equal(2, error.GetProperty("index").GetInt32());
        Assert.Equal("source", error.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Post_OverTheKeysRateLimit_429WithRetryAfter()
    {
        // Arrange
        using var ingest = await StartAsync();

        // Act
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await ingest.PostAsync(Events($"rate{i}", 1), LimitedKey));
        }

        // Assert
        var limited = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, a => Assert.True(a.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        answers.ForEach(a => a.Dispose());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task Post_UnsupportedMediaType_415(string contentType)
    {
        // Arrange
        using var ingest = await StartAsync();

        // Act
        using var response = await ingest.PostAsync(Events("media", 1), GoodKey, contentType);

        // Assert
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/cloudevents-batch+json", (await IngestClient.ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OverSizeLimits_413()
    {
        // Arrange
        using var ingest = await StartAsync();
        var tooMany = Events("many", 51);
        var bigEvent = Events("big", 1);
        bigEvent[0]["data"] = new string('x', 5000);
        var bigBody = Events("body", 50);
        foreach (var e in bigBody)
        {
            e["data"] = new string('y', 2000);
        }

        // Act
        using var count = await ingest.PostAsync(tooMany, GoodKey);
        using var single = await ingest.PostAsync(bigEvent, GoodKey);
        using var body = await ingest.PostAsync(bigBody, GoodKey);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, count.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, single.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, body.StatusCode);
    }

    [Theory]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t"},{"specversion":"1.0","source":"/tests/allowed","type":"t"}]""", 1, "id")]
    [InlineData("""[{"specversion":"1.0","id":5,"source":"/tests/allowed","type":"t"}]""", 0, "id")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t","time":"yesterday"}]""", 0, "time")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t","time":"2026-11-23 10:00:00"}]""", 0, "time")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t"},{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t"}]""", 1, "id")]
    [InlineData("""[{"specversion":"0.3","id":"a","source":"/tests/allowed","type":"t"}]""", 0, "specversion")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t","data":1,"data_base64":"AQ=="}]""", 0, "data_base64")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t","data_base64":"%%%"}]""", 0, "data_base64")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t","Bad-Name":"x"}]""", 0, "Bad-Name")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t","ext":{"nested":true}}]""", 0, "ext")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t","ext":99999999999999999999}]""", 0, "ext")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t"},{"specversion":"1.0","id":"b","source":"/tests/allowed","type":"t","ext":2147483648}]""", 1, "ext")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t","ext":-9223372036854775808}]""", 0, "ext")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed"}]""", 0, "type")]
    [InlineData("""[{"specversion":"1.0","id":"a","source":"/tests/allowed","type":"t"}, 7]""", 1, null)]
    public async Task Post_InvalidEvent_400NamingIndexAndField(string body, int index, string? field)
    {
        // Arrange
        using var ingest = await StartAsync();

        // Act
        using var response = await ingest.PostTextAsync(body, GoodKey);
        var problem = await IngestClient.ProblemAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(
            problem.GetProperty("errors").EnumerateArray(),
            e => e.GetProperty("index").GetInt32() == index && (field is null ? e.GetProperty("field").ValueKind == JsonValueKind.Null : e.GetProperty("field").GetString() == field));
    }

    [Theory]
    [InlineData("""[{"specversion":"1.0","id":""")]
    [InlineData("""{"not":"an array"}""")]
    [InlineData("""[]""")]
    public async Task Post_MalformedBatch_400ForTheBatch(string body)
    {
        // Arrange
        using var ingest = await StartAsync();

        // Act
        using var response = await ingest.PostTextAsync(body, GoodKey);
        var problem = await IngestClient.ProblemAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-1, problem.GetProperty("errors")[0].GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task Post_InvalidUtf8_400()
    {
        // Arrange
        using var ingest = await StartAsync();
        var body = Encoding.UTF8.GetBytes("""[{"specversion":"1.0","id":"X","source":"/tests/allowed","type":"t"}]""");
        body[Array.IndexOf(body, (byte)'X')] = 0xC3;

        // Act
        using var response = await ingest.PostBytesAsync(body, GoodKey);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_NestingDeeperThanTheLimit_400()
    {
        // Arrange
        using var ingest = await StartAsync();
        var deep = new string('[', 40) + new string(']', 40);
        var body = $$"""[{"specversion":"1.0","id":"deep","source":"/tests/allowed","type":"t","data":{{deep}}}]""";

        // Act
        using var response = await ingest.PostTextAsync(body, GoodKey);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_BatchWithOneBadEvent_WritesNothing()
    {
        // Arrange
        using var ingest = await StartAsync();
        var rejected = Events("rejected", 5);
        rejected[4].Remove("type");

        // Act
        using var bad = await ingest.PostAsync(rejected, GoodKey);
        using var marker = await ingest.PostAsync(Events("marker", 1), GoodKey);
        var records = await ReadIngestedUntilAsync("marker-0");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, marker.StatusCode);
        Assert.DoesNotContain(cluster.Envelopes.EventIds(records), id => id.StartsWith("rejected-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Probes_KafkaUp_HealthzAndReadyzAnswer200()
    {
        // Arrange
        using var ingest = await StartAsync();

        // Act
        using var live = await ingest.GetAsync("healthz");
        await Eventually.WaitUntilAsync(() => IsOk(ingest, "readyz"), TimeSpan.FromSeconds(15), () => "readyz never answered 200");

        // Assert
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static bool IsOk(IngestClient ingest, string path)
    {
        using var response = ingest.GetAsync(path).GetAwaiter().GetResult();
        return response.StatusCode == HttpStatusCode.OK;
    }

    private async Task<IngestClient> StartAsync()
    {
        var pipeline = await host.EnsureStartedAsync(cluster, "ingest", p => p
            .Set("Streams__Ingest__RequireApiKey", "true")
            .Set("Streams__Ingest__MaxEventsPerRequest", "50")
            .Set("Streams__Ingest__MaxEventBytes", "4096")
            .Set("Streams__Ingest__MaxBodyBytes", "65536")
            .Set("Streams__Ingest__ApiKeys__0__Name", "tests")
            .Set("Streams__Ingest__ApiKeys__0__Sha256", Sha256(GoodKey))
            .Set("Streams__Ingest__ApiKeys__0__Sources__0", "/tests/allowed")
            .Set("Streams__Ingest__ApiKeys__1__Name", "limited")
            .Set("Streams__Ingest__ApiKeys__1__Sha256", Sha256(LimitedKey))
            .Set("Streams__Ingest__ApiKeys__1__Sources__0", "*")
            .Set("Streams__Ingest__ApiKeys__1__RateLimitPerSecond", "2"));
        Topics = pipeline.Environment["Streams__Kafka__Topics__Prefix"] + "ingested";
        return new IngestClient(pipeline.IngestUrl);
    }

    private string Topics { get; set; } = "";

    private Task<IReadOnlyList<Confluent.Kafka.ConsumeResult<byte[]?, byte[]>>> ReadIngestedUntilAsync(string id) =>
        TopicReader.ReadAsync(cluster.BootstrapServers, Topics, records => cluster.Envelopes.EventIds(records).Contains(id), TimeSpan.FromSeconds(30));

    private static List<Dictionary<string, object>> Events(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Dictionary<string, object>
        {
            ["specversion"] = "1.0",
            ["id"] = $"{prefix}-{i}",
            ["source"] = "/tests/allowed/" + prefix,
            ["type"] = "test.created",
            ["time"] = DateTimeOffset.UtcNow.ToString("O"),
            ["data"] = new { i },
        })];

    private static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

using System.Net;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>The whole path: HTTP → ingest → Kafka → normaliser → Kafka → egress → HTTP, over the real local cluster.</summary>
[Collection(ClusterTests.Name)]
public sealed class EndToEndTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Pipeline_TenThousandEventsInBatches_EveryIdReachesTheReceiver()
    {
        // Arrange
        await using var receiver = await TestReceiver.StartAsync();
        var pipeline = new Pipeline(cluster, cluster.CreateTopics());
        pipeline.Subscribe("e2e", receiver.Url);
        await using var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();
        var batches = Enumerable.Range(0, 100).Select(batch => CloudEventBatches.Create($"e2e{batch}", 100)).ToList();
        var ids = batches.SelectMany(batch => batch).Select(e => (string)e.GetType().GetProperty("id")!.GetValue(e)!).ToList();

        // Act
        var answers = new List<HttpStatusCode>();
        foreach (var chunk in batches.Chunk(4))
        {
            var responses = await Task.WhenAll(chunk.Select(batch => CloudEventBatches.PostAsync(http, pipeline.IngestUrl, batch)));
            answers.AddRange(responses.Select(response => response.StatusCode));
        }

        await Eventually.WaitUntilAsync(
            () => receiver.HasAll(ids),
            TimeSpan.FromSeconds(90),
            () => $"{receiver.DistinctCount} of {ids.Count} ids arrived");

        // Assert
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(ids.Count, receiver.DistinctCount);
        Assert.True(receiver.HasAll(ids));
    }

    [Fact]
    public async Task Egress_SignsEveryRequest_WithStandardWebhooksHeaders()
    {
        // Arrange
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        await using var receiver = await TestReceiver.StartAsync();
        var pipeline = new Pipeline(cluster, cluster.CreateTopics());
        pipeline.Subscribe("signed", receiver.Url, new Dictionary<string, string> { ["Secret"] = secret });
        await using var host = pipeline.Start("ingest,normaliser,egress");
        await host.WaitUntilRunningAsync();
        using var http = new HttpClient();

        // Act
        using var response = await CloudEventBatches.PostAsync(http, pipeline.IngestUrl, CloudEventBatches.Create("signed", 5));
        await Eventually.WaitUntilAsync(() => receiver.DistinctCount == 5, TimeSpan.FromSeconds(30), () => $"{receiver.DistinctCount} of 5 arrived");

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(receiver.Requests, request => Assert.True(
            StandardWebhooksVerifier.IsValid(secret, request),
            $"bad signature on request {request.Number}: {request.Headers.GetValueOrDefault("webhook-signature")}"));
    }
}

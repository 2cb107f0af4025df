using System.Net;
using System.Text;
using Streams.IntegrationTests.Infrastructure;

namespace Streams.IntegrationTests;

/// <summary>Hostile input gets 4xx answers only; the service stays up and keeps serving good requests.</summary>
[Collection(ClusterTests.Name)]
public sealed class IngestRobustnessTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Post_BurstOfHostileBodies_Only4xxAndStillServesGoodRequests()
    {
        // Arrange
        var pipeline = new Pipeline(cluster, cluster.CreateTopics()).Set("Streams__Ingest__MaxBodyBytes", "1048576");
        await using var host = pipeline.Start("ingest");
        await host.WaitUntilRunningAsync();
        using var ingest = new IngestClient(pipeline.IngestUrl);
        const int seed = 20261123;
        var random = new Random(seed);
        var bodies = HostileBodies(random).ToList();

        // Act
        var answers = new List<(int Case, HttpStatusCode Status)>();
        foreach (var chunk in bodies.Select((body, index) => (body, index)).Chunk(8))
        {
            var responses = await Task.WhenAll(chunk.Select(async c =>
            {
                using var response = await ingest.PostBytesAsync(c.body);
                return (c.index, response.StatusCode);
            }));
            answers.AddRange(responses);
        }

        using var good = await ingest.PostAsync(CloudEventBatches.Create("after-burst", 10));
        using var live = await ingest.GetAsync("healthz");

        // Assert
        Assert.All(answers, a => Assert.True((int)a.Status is >= 400 and < 500, $"case {a.Case} (seed {seed}) answered {(int)a.Status}"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.False(host.HasExited);
    }

    private static IEnumerable<byte[]> HostileBodies(Random random)
    {
        for (var i = 0; i < 100; i++)
        {
            var bytes = new byte[random.Next(1, 4096)];
            random.NextBytes(bytes);
            yield return bytes;
        }

        foreach (var number in new[] { "1e400", "-1e400", "123456789012345678901234567890", "0.0000000000000000000000000001e-400", "NaN", "Infinity" })
        {
            yield return Encoding.UTF8.GetBytes($$"""[{"specversion":"1.0","id":"n","source":"/s","type":"t","ext":{{number}}}]""");
            yield return Encoding.UTF8.GetBytes($$"""[{"specversion":"1.0","id":{{number}},"source":"/s","type":"t"}]""");
        }

        foreach (var depth in new[] { 33, 100, 10_000 })
        {
            yield return Encoding.UTF8.GetBytes($$"""[{"specversion":"1.0","id":"d","source":"/s","type":"t","data":{{new string('[', depth)}}{{new string(']', depth)}}}]""");
            yield return Encoding.UTF8.GetBytes(new string('[', depth));
            yield return Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", depth)));
        }

        foreach (var length in new[] { 300_000, 2_000_000 })
        {
            var text = new string('x', length);
            yield return Encoding.UTF8.GetBytes($$"""[{"specversion":"1.0","id":"{{text}}","source":"/s","type":"t"}]""");
            yield return Encoding.UTF8.GetBytes($$"""[{"specversion":"1.0","id":"l","source":"/s","type":"t","data":"{{text}}"}]""");
            yield return Encoding.UTF8.GetBytes($$"""[{"specversion":"1.0","id":"l","source":"/s","type":"t","{{text}}":1}]""");
        }

        yield return Encoding.UTF8.GetBytes("""[{"specversion":"1.0","id":"u","source":"/s","type":"t","data":"\uD800"}]""");
        yield return Encoding.UTF8.GetBytes("""[{"specversion":"1.0","id":"z","source":"/s","type":"t"}""" + "\0]");
        yield return [0xEF, 0xBB, 0xBF, (byte)'[', (byte)']'];
        yield return [];
    }
}

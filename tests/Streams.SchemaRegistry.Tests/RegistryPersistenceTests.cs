using System.Net;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.SchemaRegistry.Tests;

/// <summary>The registry's state lives in the schemas topic: replicas rebuild it at start and see each other's writes.</summary>
[Collection(RegistryTests.Name)]
public sealed class RegistryPersistenceTests(RegistryClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Restart_OverTheSameTopic_LosesNothing()
    {
        // Arrange
        var topic = fixture.CreateSchemasTopic();
        int id1, id2;
        await using (var first = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, topic))
        {
            using var client = first.CreateClient();
            id1 = await client.RegisterOkAsync("people-value", TestSchemas.V1);
            id2 = await client.RegisterOkAsync("people-value", TestSchemas.V2);
            await client.SendAsync(HttpMethod.Put, "config/people-value", new { compatibility = "FULL" });
            await client.SendAsync(HttpMethod.Delete, "subjects/people-value/versions/1");
        }

        // Act
        await using var restarted = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, topic);
        using var again = restarted.CreateClient();
        var (_, versions) = await again.SendAsync(HttpMethod.Get, "subjects/people-value/versions");
        var (_, schema1) = await again.SendAsync(HttpMethod.Get, $"schemas/ids/{id1}");
        var (_, level) = await again.SendAsync(HttpMethod.Get, "config/people-value");
        var sameId = await again.RegisterOkAsync("people-value", TestSchemas.V2);
        var next = await again.RegisterOkAsync("colours-value", TestSchemas.Other);
        var (_, latest) = await again.SendAsync(HttpMethod.Get, "subjects/people-value/versions/latest");

        // Assert
        Assert.Equal("[2]", versions!.ToJsonString());
        Assert.NotNull(schema1!["schema"]);
        Assert.Equal("FULL", (string?)level!["compatibilityLevel"]);
        Assert.Equal(id2, sameId);
        Assert.True(next > id2, $"A new schema after restart got id {next}, reusing an id up to {id2}.");
        Assert.Equal(2, (int)latest!["version"]!);
    }

    [Fact]
    public async Task TwoReplicas_OverTheSameTopic_SeeEachOthersWritesAndNeverClashOnIds()
    {
        // Arrange
        var topic = fixture.CreateSchemasTopic();
        await using var a = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, topic);
        await using var b = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, topic);
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        // Act
        var idA = await clientA.RegisterOkAsync("people-value", TestSchemas.V1);
        // B has not necessarily read A's record yet: its write reads the topic to the end first.
        var idB = await clientB.RegisterOkAsync("colours-value", TestSchemas.Other);
        var v2 = await clientB.RegisterOkAsync("people-value", TestSchemas.V2);
        await Eventually.WaitUntilAsync(
            async () => (await clientA.SendAsync(HttpMethod.Get, "subjects/people-value/versions")).Body?.ToJsonString() == "[1,2]",
            Deadline,
            "replica A lists the version replica B registered");
        var (_, fromA) = await clientA.SendAsync(HttpMethod.Get, $"schemas/ids/{idB}");
        var incompatibleOnA = await clientA.RegisterAsync("people-value", TestSchemas.V3Required);

        // Assert
        Assert.Equal(3, new[] { idA, idB, v2 }.Distinct().Count());
        Assert.NotNull(fromA!["schema"]);
        incompatibleOnA.AssertError(HttpStatusCode.Conflict, 409);
    }

    [Fact]
    public async Task Register_WhileAllBrokersAreDown_Answers50001Or50002AndTheRegistryRecovers()
    {
        // Arrange
        var topic = fixture.CreateSchemasTopic();
        var settings = new Dictionary<string, string> { ["Streams:SchemaRegistry:WriteTimeoutMs"] = "5000" };
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, topic, settings);
        using var client = server.CreateClient();
        await client.RegisterOkAsync("people-value", TestSchemas.V1);

        // Act
        fixture.Cluster.SetAllBrokersDown();
        (HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body) down;
        try
        {
            down = await client.RegisterAsync("colours-value", TestSchemas.Other);
        }
        finally
        {
            fixture.Cluster.SetAllBrokersUp();
        }

        // Assert
        Assert.True(down.Status == HttpStatusCode.InternalServerError && (int?)down.Body!["error_code"] is 50001 or 50002, $"Got {down.Status} {down.Body}");
        await Eventually.WaitUntilAsync(
            async () => (await client.RegisterAsync("colours-value", TestSchemas.Other)).Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(90),
            "the registry takes writes again once the brokers are back");
    }
}

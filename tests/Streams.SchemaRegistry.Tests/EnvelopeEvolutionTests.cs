using System.Net;
using System.Text.Json.Nodes;
using Confluent.SchemaRegistry;
using Streams.Envelope;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.SchemaRegistry.Tests;

/// <summary>
/// A v2 envelope with a new optional field is registered next to v1: v1 readers (the services' serializer) read v2
/// records and v2 readers read v1 records, each fetching the writer's schema by id; an incompatible v3 is refused.
/// </summary>
[Collection(RegistryTests.Name)]
public sealed class EnvelopeEvolutionTests(RegistryClusterFixture fixture)
{
    private static readonly string V3Json = EnvelopeV2.WithField(new JsonObject { ["name"] = "region", ["type"] = "string" });

    private static readonly CloudEventEnvelope Event = CloudEventJson.FromJson(
        """{"specversion":"1.0","id":"e-1","source":"/orders","type":"order.created","time":"2026-11-23T10:00:00.000Z","partitionkey":"p","data":{"n":1}}"""u8.ToArray());

    [Fact]
    public async Task V2WithOptionalField_UnderFullTransitive_IsAcceptedAndBothVersionsReadEachOther()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var http = server.CreateClient();
        using var producerRegistry = RegistryClients.For(server.Url);
        await http.SendAsync(HttpMethod.Put, $"config/{EnvelopeSchemas.Subject}", new { compatibility = "FULL_TRANSITIVE" });
        var v1Id = await producerRegistry.RegisterSchemaAsync(EnvelopeSchemas.Subject, new Schema(EnvelopeSchemas.CurrentJson, SchemaType.Avro));
        var v2Id = await EnvelopeV2.RegisterAsync(producerRegistry);
        var v1Bytes = new EnvelopeSerializer(producerRegistry, v1Id, EnvelopeSchemas.Current).Serialize(Event);
        var v2Bytes = await EnvelopeV2.WriteAsync(producerRegistry, v2Id, v1Bytes, "acme");

        // Act: consumers with empty caches, which fetch each writer schema by the id in the record.
        using var v1ConsumerRegistry = RegistryClients.For(server.Url);
        var v1Consumer = new EnvelopeSerializer(v1ConsumerRegistry, v1Id, EnvelopeSchemas.Current);
        var v2ReadByV1 = v1Consumer.Deserialize(v2Bytes);
        using var v2ConsumerRegistry = RegistryClients.For(server.Url);
        var v1ReadByV2 = await EnvelopeV2.ReadAsLatestAsync(v2ConsumerRegistry, v1Bytes);
        var v2ReadByV2 = await EnvelopeV2.ReadAsLatestAsync(v2ConsumerRegistry, v2Bytes);

        // Assert
        Assert.NotEqual(v1Id, v2Id);
        Assert.Equal(CloudEventJson.ToJson(Event), CloudEventJson.ToJson(v2ReadByV1));
        Assert.Equal(("e-1", null), ((string?)v1ReadByV2["id"], (string?)v1ReadByV2["tenant"]));
        Assert.Equal(("e-1", "acme"), ((string?)v2ReadByV2["id"], (string?)v2ReadByV2["tenant"]));
    }

    [Fact]
    public async Task V3WithRequiredField_UnderDefaultBackward_IsRefusedWith409()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var http = server.CreateClient();
        await http.RegisterOkAsync(EnvelopeSchemas.Subject, EnvelopeSchemas.CurrentJson);
        await http.RegisterOkAsync(EnvelopeSchemas.Subject, EnvelopeV2.Json);

        // Act
        var answer = await http.RegisterAsync(EnvelopeSchemas.Subject, V3Json);
        var (_, latest) = await http.SendAsync(HttpMethod.Get, $"subjects/{EnvelopeSchemas.Subject}/versions/latest");

        // Assert
        answer.AssertError(HttpStatusCode.Conflict, 409);
        Assert.Contains("region", (string?)answer.Body!["message"], StringComparison.Ordinal);
        Assert.Equal(2, (int)latest!["version"]!);
    }
}

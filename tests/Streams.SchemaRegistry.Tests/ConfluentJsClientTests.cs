using System.Text;
using System.Text.Json.Nodes;
using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Streams.Envelope;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.SchemaRegistry.Tests;

/// <summary>
/// The registry answers a real Confluent client, @kafkajs/confluent-schema-registry (tests/crosscheck/schema-registry/client.js),
/// and the services' envelope serializer and that client read each other's records byte for byte.
/// </summary>
[Collection(RegistryTests.Name)]
public sealed class ConfluentJsClientTests(RegistryClusterFixture fixture)
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123);

    [Fact]
    public async Task JsClient_RegistersEncodesAndDecodes_AgreesWithTheEnvelopeSerializer()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var registry = RegistryClients.For(server.Url);
        var id = await registry.RegisterSchemaAsync(EnvelopeSchemas.Subject, new Confluent.SchemaRegistry.Schema(EnvelopeSchemas.CurrentJson, SchemaType.Avro));
        var serializer = new EnvelopeSerializer(registry, id, EnvelopeSchemas.Current);
        var data = Encoding.UTF8.GetBytes("""{"hello":"world"}""");
        var fromCSharp = new CloudEventEnvelope
        {
            Id = "cs-1",
            Source = "/csharp",
            Type = "test.binary",
            Subject = "s",
            Extensions = new Dictionary<string, object> { ["partitionkey"] = "k2", ["traced"] = false, ["attempt"] = -7L },
            Data = [0, 1, 2, 254, 255],
            DataEncoding = EnvelopeDataEncoding.Binary,
        };
        var sameAsJs = new CloudEventEnvelope
        {
            Id = "js-1",
            Source = "/js",
            Type = "test.json",
            Time = Time,
            DataContentType = "application/json",
            Extensions = new Dictionary<string, object> { ["partitionkey"] = "k1", ["traced"] = true, ["attempt"] = 3L },
            Data = data,
        };
        var input = new JsonObject
        {
            ["subject"] = EnvelopeSchemas.Subject,
            ["schema"] = EnvelopeSchemas.CurrentJson,
            ["records"] = new JsonArray(new JsonObject
            {
                ["id"] = "js-1",
                ["source"] = "/js",
                ["type"] = "test.json",
                ["specversion"] = "1.0",
                ["time"] = Time.ToUnixTimeMilliseconds(),
                ["subject"] = null,
                ["datacontenttype"] = "application/json",
                ["dataschema"] = null,
                ["extensions"] = new JsonObject { ["partitionkey"] = "k1", ["traced"] = true, ["attempt"] = 3 },
                ["data"] = ConfluentJsClient.Bytes(data),
                ["data_encoding"] = "JSON",
            }),
            ["decode"] = new JsonArray(Convert.ToHexStringLower(serializer.Serialize(fromCSharp))),
        };

        // Act
        var result = await ConfluentJsClient.RunAsync(server.Url, input);
        var jsBytes = Convert.FromHexString((string)result["encoded"]![0]!);
        var decodedInCSharp = new EnvelopeSerializer(RegistryClients.For(server.Url), id, EnvelopeSchemas.Current).Deserialize(jsBytes);
        var decodedInJs = result["decoded"]![0]!;

        // Assert
        Assert.Equal(id, (int)result["id"]!);
        Assert.Equal(id, (int)result["latestId"]!);
        Assert.Equal("Envelope", ((string)result["fetchedName"]!).Split('.')[^1]);
        Assert.Equal(Convert.ToHexStringLower(serializer.Serialize(sameAsJs)), Convert.ToHexStringLower(jsBytes));
        Assert.Equal(("js-1", "/js", Time), (decodedInCSharp.Id, decodedInCSharp.Source, decodedInCSharp.Time));
        Assert.Equal(3L, decodedInCSharp.Extensions["attempt"]);
        Assert.Equal(data, decodedInCSharp.Data);
        Assert.Equal(("cs-1", "/csharp", "s"), ((string?)decodedInJs["id"], (string?)decodedInJs["source"], (string?)decodedInJs["subject"]));
        Assert.Null(decodedInJs["time"]);
        Assert.Equal("BINARY", (string?)decodedInJs["data_encoding"]);
        Assert.Equal("000102feff", (string?)decodedInJs["data"]!["$hex"]);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["partitionkey"] = "k2", ["traced"] = false, ["attempt"] = -7 }, decodedInJs["extensions"]));
    }

    [Fact]
    public async Task JsClient_RegistersATestSchema_CSharpClientFetchesItById()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        var input = new JsonObject { ["subject"] = "people-value", ["schema"] = TestSchemas.V1, ["records"] = new JsonArray(new JsonObject { ["name"] = "Ada" }) };

        // Act
        var result = await ConfluentJsClient.RunAsync(server.Url, input);
        using var registry = RegistryClients.For(server.Url);
        var schema = await registry.GetSchemaAsync((int)result["id"]!);
        var bytes = Convert.FromHexString((string)result["encoded"]![0]!);
        var decoded = await new AvroDeserializer<GenericRecord>(registry).DeserializeAsync(bytes, isNull: false, new SerializationContext(MessageComponentType.Value, "people"));

        // Assert
        Assert.Equal(SchemaNormalization.ToParsingForm(global::Avro.Schema.Parse(TestSchemas.V1)), SchemaNormalization.ToParsingForm(global::Avro.Schema.Parse(schema.SchemaString)));
        Assert.Equal("Ada", decoded["name"]);
    }
}

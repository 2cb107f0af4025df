using System.Net;
using Confluent.SchemaRegistry;
using Streams.Envelope;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.SchemaRegistry.Tests;

/// <summary>
/// What a hop's serializer costs the registry, and what it does when the registry is gone: the services' serializer
/// over Confluent's <see cref="CachedSchemaRegistryClient"/>, against the real registry role.
/// </summary>
[Collection(RegistryTests.Name)]
public sealed class EnvelopeRegistryTrafficTests(RegistryClusterFixture fixture)
{
    private static readonly CloudEventEnvelope Event = new() { Id = "e-1", Source = "/orders", Type = "order.created" };

    [Fact]
    public async Task SerializeDeserialize_ManyEvents_AskTheRegistryOnlyForTheFirst()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var writerRegistry = RegistryClients.For(server.Url);
        var writer = await RegisteredSerializerAsync(writerRegistry);
        using var readerRegistry = RegistryClients.For(server.Url);
        var reader = new EnvelopeSerializer(readerRegistry, writer.SchemaId, EnvelopeSchemas.Current);
        var before = server.RequestCount;

        // Act
        var decoded = Enumerable.Range(0, 200).Select(i => reader.Deserialize(writer.Serialize(Event with { Id = $"e-{i}" }))).ToList();

        // Assert: one lookup for the writer, one fetch by id for the reader, however many events.
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"e-{i}"), decoded.Select(e => e.Id));
        Assert.InRange(server.RequestCount - before, 1, 3);
    }

    [Fact]
    public async Task Deserialize_UnknownId_IsPoisonWithItsReason()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var registry = RegistryClients.For(server.Url);
        var serializer = await RegisteredSerializerAsync(registry);
        var value = serializer.Serialize(Event);
        value[4] = 0x7F;

        // Act
        var exception = Assert.Throws<EnvelopeDecodeException>(() => serializer.Deserialize(value));

        // Assert
        Assert.Equal(EnvelopeDecodeReason.UnknownSchemaId, exception.Reason);
    }

    [Fact]
    public async Task Deserialize_RegistryGoneBeforeTheFirstRecordOfAnId_ThrowsUnavailableNotPoison()
    {
        // Arrange: the writer registers while the registry runs; the reader meets the id only after it has stopped.
        byte[] value;
        Uri url;
        await using (var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic()))
        {
            using var registry = RegistryClients.For(server.Url);
            value = (await RegisteredSerializerAsync(registry)).Serialize(Event);
            url = server.Url;
        }

        using var gone = RegistryClients.For(url);
        var reader = new EnvelopeSerializer(gone, 1, EnvelopeSchemas.Current);

        // Act and Assert
        var exception = Assert.Throws<SchemaRegistryUnavailableException>(() => reader.Deserialize(value));
        Assert.True(exception.InnerException is HttpRequestException or TaskCanceledException or SchemaRegistryException { Status: >= HttpStatusCode.InternalServerError });
    }

    /// <summary>The services' serializer, with the envelope registered as they register it.</summary>
    private static async Task<EnvelopeSerializer> RegisteredSerializerAsync(CachedSchemaRegistryClient registry) =>
        new(registry, await registry.RegisterSchemaAsync(EnvelopeSchemas.Subject, new Schema(EnvelopeSchemas.CurrentJson, SchemaType.Avro)), EnvelopeSchemas.Current);
}

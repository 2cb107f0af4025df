using System.Net;
using Streams.Envelope;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.SchemaRegistry.Tests;

/// <summary>The services' caching client against the real registry.</summary>
[Collection(RegistryTests.Name)]
public sealed class SchemaRegistryClientTests(RegistryClusterFixture fixture)
{
    [Fact]
    public async Task RegisterAndGetSchema_Repeated_AskTheRegistryOncePerSchemaAndId()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var writer = RegistryClients.For(server.Url);
        using var reader = RegistryClients.For(server.Url);
        var before = server.RequestCount;

        // Act
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await writer.RegisterAsync("people-value", TestSchemas.V1, CancellationToken.None));
        }

        var schemas = Enumerable.Range(0, 5).Select(_ => reader.GetSchema(ids[0])).ToList();
        var registered = writer.GetSchema(ids[0]);

        // Assert
        Assert.Single(ids.Distinct());
        Assert.Single(schemas.Distinct());
        Assert.Equal(schemas[0].ToCanonicalForm(), registered.ToCanonicalForm());
        Assert.Equal((1, 1), (writer.RequestCount, reader.RequestCount));
        Assert.Equal(before + 2, server.RequestCount);
    }

    [Fact]
    public async Task GetSchema_UnknownId_ThrowsSchemaNotFoundAndAsksAgainNextTime()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var client = RegistryClients.For(server.Url);

        // Act
        var first = Assert.Throws<SchemaRegistryException>(() => client.GetSchema(4242));
        var second = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaAsync(4242, CancellationToken.None));

        // Assert
        Assert.True(first.IsSchemaNotFound);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(2, client.RequestCount);
    }

    [Fact]
    public async Task RegisterAsync_Incompatible_ThrowsWith409()
    {
        // Arrange
        await using var server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        using var client = RegistryClients.For(server.Url);
        await client.RegisterAsync("people-value", TestSchemas.V1, CancellationToken.None);

        // Act
        var refused = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterAsync("people-value", TestSchemas.V3Required, CancellationToken.None));

        // Assert
        Assert.Equal((HttpStatusCode.Conflict, 409), (refused.StatusCode, refused.ErrorCode));
    }

    [Fact]
    public void GetSchema_NothingListening_ThrowsWithoutAnErrorCode()
    {
        // Arrange
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = RegistryClients.For(new Uri($"http://127.0.0.1:{port}/"));

        // Act
        var exception = Assert.Throws<SchemaRegistryException>(() => client.GetSchema(1));

        // Assert
        Assert.Null(exception.ErrorCode);
        Assert.False(exception.IsSchemaNotFound);
    }
}

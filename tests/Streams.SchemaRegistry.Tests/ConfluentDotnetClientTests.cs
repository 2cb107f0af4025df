using System.Net;
using Avro;
using Avro.Generic;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Confluent.SchemaRegistry.Serdes;
using Streams.SchemaRegistry.Tests.Infrastructure;
using AvroSchema = Avro.Schema;
using ConfluentCompatibility = Confluent.SchemaRegistry.Compatibility;
using ConfluentSchema = Confluent.SchemaRegistry.Schema;

namespace Streams.SchemaRegistry.Tests;

/// <summary>
/// The registry answers Confluent's own .NET client (Confluent.SchemaRegistry's CachedSchemaRegistryClient) and its
/// Avro serdes over Apache.Avro's GenericRecord, as a producer and a consumer of another process would use them.
/// </summary>
[Collection(RegistryTests.Name)]
public sealed class ConfluentDotnetClientTests(RegistryClusterFixture fixture) : IAsyncLifetime
{
    private const string Subject = "people-value";
    private static readonly SerializationContext PeopleValue = new(MessageComponentType.Value, "people");

    private RegistryServer _server = null!;
    private CachedSchemaRegistryClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        _client = ClientFor(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task RegisterSchemaAsync_NewSchema_IsReadableByIdAsLatestAndByLookup()
    {
        // Act
        var id = await _client.RegisterSchemaAsync(Subject, ConfluentAvro(TestSchemas.V1));
        using var fresh = ClientFor(_server);
        var byId = await fresh.GetSchemaAsync(id);
        var latest = await fresh.GetLatestSchemaAsync(Subject);
        var lookedUp = await fresh.LookupSchemaAsync(Subject, ConfluentAvro(TestSchemas.V1), ignoreDeletedSchemas: true, normalize: false);
        var byVersion = await fresh.GetRegisteredSchemaAsync(Subject, 1, ignoreDeletedSchemas: true);

        // Assert
        Assert.Equal((TestSchemas.V1, SchemaType.Avro), (byId.SchemaString, byId.SchemaType));
        Assert.Equal((Subject, 1, id, TestSchemas.V1), (latest.Subject, latest.Version, latest.Id, latest.SchemaString));
        Assert.Equal((1, id), (lookedUp.Version, lookedUp.Id));
        Assert.Equal((1, id), (byVersion.Version, byVersion.Id));
    }

    [Fact]
    public async Task GetAllSubjectsAsync_TwoSubjects_ListsThemAndTheirVersions()
    {
        // Arrange
        await _client.RegisterSchemaAsync(Subject, ConfluentAvro(TestSchemas.V1));
        await _client.RegisterSchemaAsync(Subject, ConfluentAvro(TestSchemas.V2));
        await _client.RegisterSchemaAsync("colours-value", ConfluentAvro(TestSchemas.Other));

        // Act
        var subjects = await _client.GetAllSubjectsAsync();
        var versions = await _client.GetSubjectVersionsAsync(Subject);

        // Assert
        Assert.Equal(["colours-value", Subject], subjects.Order(StringComparer.Ordinal));
        Assert.Equal([1, 2], versions);
    }

    [Fact]
    public async Task IsCompatibleAsync_UnderTheDefaultAndAnUpdatedLevel_AnswersAsTheLevelSays()
    {
        // Arrange
        await _client.RegisterSchemaAsync(Subject, ConfluentAvro(TestSchemas.V1));

        // Act
        var global = await _client.GetCompatibilityAsync(null);
        var requiredFieldUnderBackward = await _client.IsCompatibleAsync(Subject, ConfluentAvro(TestSchemas.V3Required));
        var optionalFieldUnderBackward = await _client.IsCompatibleAsync(Subject, ConfluentAvro(TestSchemas.V2));
        var updated = await _client.UpdateCompatibilityAsync(ConfluentCompatibility.Forward, Subject);
        var level = await _client.GetCompatibilityAsync(Subject);
        var requiredFieldUnderForward = await _client.IsCompatibleAsync(Subject, ConfluentAvro(TestSchemas.V3Required));

        // Assert
        Assert.Equal(ConfluentCompatibility.Backward, global);
        Assert.False(requiredFieldUnderBackward);
        Assert.True(optionalFieldUnderBackward);
        Assert.Equal((ConfluentCompatibility.Forward, ConfluentCompatibility.Forward), (updated, level));
        Assert.True(requiredFieldUnderForward);
    }

    [Fact]
    public async Task RegisterSchemaAsync_IncompatibleSchema_ThrowsSchemaRegistryExceptionWith409()
    {
        // Arrange
        await _client.RegisterSchemaAsync(Subject, ConfluentAvro(TestSchemas.V1));

        // Act
        var refused = await Assert.ThrowsAsync<SchemaRegistryException>(() => _client.RegisterSchemaAsync(Subject, ConfluentAvro(TestSchemas.V3Required)));

        // Assert
        Assert.Equal((HttpStatusCode.Conflict, 409), (refused.Status, refused.ErrorCode));
        Assert.Contains("email", refused.Message, StringComparison.Ordinal);
        Assert.Equal([1], await _client.GetSubjectVersionsAsync(Subject));
    }

    [Fact]
    public async Task AvroSerializer_V1ThenBackwardCompatibleV2_RoundTripsAndAConsumerOnTheLatestReadsV1Records()
    {
        // Arrange: the producer registers as it serializes; the consumer is another client with nothing cached.
        var v1 = (RecordSchema)AvroSchema.Parse(TestSchemas.V1);
        var v2 = (RecordSchema)AvroSchema.Parse(TestSchemas.V2);
        var serializer = new AvroSerializer<GenericRecord>(_client, new AvroSerializerConfig { AutoRegisterSchemas = true });
        using var consumer = ClientFor(_server);
        var deserializer = new AvroDeserializer<GenericRecord>(consumer);
        var onLatest = new AvroDeserializer<GenericRecord>(consumer, new AvroDeserializerConfig { UseLatestVersion = true });

        // Act
        var ada = await serializer.SerializeAsync(Person(v1, "Ada", age: null), PeopleValue);
        var grace = await serializer.SerializeAsync(Person(v2, "Grace", age: 85), PeopleValue);
        var readAda = await deserializer.DeserializeAsync(ada, isNull: false, PeopleValue);
        var readGrace = await deserializer.DeserializeAsync(grace, isNull: false, PeopleValue);
        var adaOnLatest = await onLatest.DeserializeAsync(ada, isNull: false, PeopleValue);

        // Assert
        Assert.Equal([1, 2], await consumer.GetSubjectVersionsAsync(Subject));
        Assert.Equal(("Ada", "test.Person", 1), ((string)readAda["name"], readAda.Schema.Fullname, readAda.Schema.Fields.Count));
        Assert.Equal(("Grace", 85), ((string)readGrace["name"], (int)readGrace["age"]));
        Assert.Equal(2, adaOnLatest.Schema.Fields.Count);
        Assert.Equal("Ada", (string)adaOnLatest["name"]);
        Assert.Null(adaOnLatest["age"]);
    }

    [Fact]
    public async Task ClientAndSerdes_EveryOperation_CallOnlyRoutesTheRegistryAnswers()
    {
        // Arrange
        var serializer = new AvroSerializer<GenericRecord>(_client, new AvroSerializerConfig { AutoRegisterSchemas = true });
        using var consumer = ClientFor(_server);
        var deserializer = new AvroDeserializer<GenericRecord>(consumer);

        // Act
        var bytes = await serializer.SerializeAsync(Person((RecordSchema)AvroSchema.Parse(TestSchemas.V1), "Ada", age: null), PeopleValue);
        await deserializer.DeserializeAsync(bytes, isNull: false, PeopleValue);
        await consumer.GetLatestSchemaAsync(Subject);
        await consumer.LookupSchemaAsync(Subject, ConfluentAvro(TestSchemas.V1), ignoreDeletedSchemas: true, normalize: false);
        await consumer.IsCompatibleAsync(Subject, ConfluentAvro(TestSchemas.V2));
        await consumer.UpdateCompatibilityAsync(ConfluentCompatibility.Full, Subject);

        // Assert: a route the registry lacks would answer a bare 404 (no route).
        Assert.All(_server.Requests, request => Assert.DoesNotContain("(no route)", request, StringComparison.Ordinal));
        Assert.Contains(_server.Requests, request => request.StartsWith("GET /associations/resources/-/people?", StringComparison.Ordinal));
    }

    private static CachedSchemaRegistryClient ClientFor(RegistryServer server) => new(new SchemaRegistryConfig { Url = server.Url.ToString() });

    private static ConfluentSchema ConfluentAvro(string schema) => new(schema, SchemaType.Avro);

    private static GenericRecord Person(RecordSchema schema, string name, int? age)
    {
        var person = new GenericRecord(schema);
        person.Add("name", name);
        if (schema.Contains("age"))
        {
            person.Add("age", age);
        }

        return person;
    }
}

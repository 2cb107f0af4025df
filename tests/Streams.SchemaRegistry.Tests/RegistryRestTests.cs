using System.Net;
using System.Text.Json.Nodes;
using Streams.SchemaRegistry.Tests.Infrastructure;

namespace Streams.SchemaRegistry.Tests;

[Collection(RegistryTests.Name)]
public sealed class RegistryRestTests(RegistryClusterFixture fixture) : IAsyncLifetime
{
    private RegistryServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await RegistryServer.StartAsync(fixture.Cluster.BootstrapServers, fixture.CreateSchemasTopic());
        _client = _server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Register_SameSchemaTwiceAndUnderAnotherSubject_ReturnsTheSameId()
    {
        // Act
        var first = await _client.RegisterOkAsync("people-value", TestSchemas.V1);
        var again = await _client.RegisterOkAsync("people-value", TestSchemas.V1);
        var indented = await _client.RegisterOkAsync("people-value", JsonNode.Parse(TestSchemas.V1)!.ToJsonString(new() { WriteIndented = true }));
        var elsewhere = await _client.RegisterOkAsync("staff-value", TestSchemas.V1);
        var other = await _client.RegisterOkAsync("colours-value", TestSchemas.Other);
        var (_, versions) = await _client.SendAsync(HttpMethod.Get, "subjects/people-value/versions");

        // Assert
        Assert.Equal([first, first, first], [again, indented, elsewhere]);
        Assert.NotEqual(first, other);
        Assert.Equal("[1]", versions!.ToJsonString());
    }

    [Fact]
    public async Task GetSchemaById_Registered_ReturnsTheSchemaAndRawSchema()
    {
        // Arrange
        var id = await _client.RegisterOkAsync("people-value", TestSchemas.V1);

        // Act
        var (status, body) = await _client.SendAsync(HttpMethod.Get, $"schemas/ids/{id}");
        var (rawStatus, raw) = await _client.SendAsync(HttpMethod.Get, $"schemas/ids/{id}/schema");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestSchemas.V1), JsonNode.Parse((string)body!["schema"]!)));
        Assert.Equal(HttpStatusCode.OK, rawStatus);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(TestSchemas.V1), raw));
    }

    [Fact]
    public async Task Versions_TwoCompatibleVersions_ListsAndGetsEachAndLatest()
    {
        // Arrange
        var id1 = await _client.RegisterOkAsync("people-value", TestSchemas.V1);
        var id2 = await _client.RegisterOkAsync("people-value", TestSchemas.V2);

        // Act
        var (_, subjects) = await _client.SendAsync(HttpMethod.Get, "subjects");
        var (_, versions) = await _client.SendAsync(HttpMethod.Get, "subjects/people-value/versions");
        var (_, one) = await _client.SendAsync(HttpMethod.Get, "subjects/people-value/versions/1");
        var (_, latest) = await _client.SendAsync(HttpMethod.Get, "subjects/people-value/versions/latest");
        var (_, lookedUp) = await _client.SendAsync(HttpMethod.Post, "subjects/people-value", new { schema = TestSchemas.V1 });

        // Assert
        Assert.Equal("""["people-value"]""", subjects!.ToJsonString());
        Assert.Equal("[1,2]", versions!.ToJsonString());
        Assert.Equal(("people-value", 1, id1), ((string)one!["subject"]!, (int)one["version"]!, (int)one["id"]!));
        Assert.Equal((2, id2), ((int)latest!["version"]!, (int)latest["id"]!));
        Assert.Equal((1, id1), ((int)lookedUp!["version"]!, (int)lookedUp["id"]!));
    }

    [Theory]
    [InlineData("""{"type":"record","name":"NoFields"}""")]
    [InlineData("""{"type":"nonsense"}""")]
    [InlineData("""{"type":"array","items":{"type":"nonsense"}}""")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"a","type":"nonsense"}]}""")]
    [InlineData("""{not json""")]
    [InlineData("""{"type":"record","name":"R","fields":[{"name":"n","type":"int","default":"text"}]}""")]
    public async Task Register_InvalidSchema_Answers422With42201(string schema)
    {
        // Act
        var answer = await _client.RegisterAsync("people-value", schema);

        // Assert
        answer.AssertError(HttpStatusCode.UnprocessableEntity, 42201);
    }

    [Fact]
    public async Task Register_IncompatibleUnderDefaultBackward_Answers409AndKeepsTheSubjectUnchanged()
    {
        // Arrange
        await _client.RegisterOkAsync("people-value", TestSchemas.V1);

        // Act
        var answer = await _client.RegisterAsync("people-value", TestSchemas.V3Required);
        var (_, versions) = await _client.SendAsync(HttpMethod.Get, "subjects/people-value/versions");

        // Assert
        answer.AssertError(HttpStatusCode.Conflict, 409);
        Assert.Equal("[1]", versions!.ToJsonString());
    }

    [Fact]
    public async Task UnknownSubjectVersionOrId_Answer404WithTheRightCode()
    {
        // Arrange
        var id = await _client.RegisterOkAsync("people-value", TestSchemas.V1);

        // Act and Assert
        (await _client.SendAsync(HttpMethod.Get, "subjects/nobody/versions")).AssertError(HttpStatusCode.NotFound, 40401);
        (await _client.SendAsync(HttpMethod.Get, "subjects/nobody/versions/1")).AssertError(HttpStatusCode.NotFound, 40401);
        (await _client.SendAsync(HttpMethod.Get, "subjects/people-value/versions/7")).AssertError(HttpStatusCode.NotFound, 40402);
        (await _client.SendAsync(HttpMethod.Get, $"schemas/ids/{id + 100}")).AssertError(HttpStatusCode.NotFound, 40403);
        (await _client.SendAsync(HttpMethod.Post, "subjects/nobody", new { schema = TestSchemas.V1 })).AssertError(HttpStatusCode.NotFound, 40401);
        (await _client.SendAsync(HttpMethod.Post, "subjects/people-value", new { schema = TestSchemas.V2 })).AssertError(HttpStatusCode.NotFound, 40403);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("first")]
    [InlineData("1.5")]
    public async Task GetVersion_InvalidVersion_Answers422With42202(string version)
    {
        // Arrange
        await _client.RegisterOkAsync("people-value", TestSchemas.V1);

        // Act
        var answer = await _client.SendAsync(HttpMethod.Get, $"subjects/people-value/versions/{version}");

        // Assert
        answer.AssertError(HttpStatusCode.UnprocessableEntity, 42202);
    }

    [Fact]
    public async Task Compatibility_CompatibleAndIncompatibleCandidates_AnswersIsCompatible()
    {
        // Arrange
        await _client.RegisterOkAsync("people-value", TestSchemas.V1);

        // Act
        var (_, compatible) = await _client.SendAsync(HttpMethod.Post, "compatibility/subjects/people-value/versions/latest", new { schema = TestSchemas.V2 });
        var (_, incompatible) = await _client.SendAsync(HttpMethod.Post, "compatibility/subjects/people-value/versions/1?verbose=true", new { schema = TestSchemas.V3Required });
        var missing = await _client.SendAsync(HttpMethod.Post, "compatibility/subjects/people-value/versions/5", new { schema = TestSchemas.V2 });

        // Assert
        Assert.True((bool)compatible!["is_compatible"]!);
        Assert.False((bool)incompatible!["is_compatible"]!);
        Assert.Contains("email", incompatible["messages"]!.ToJsonString(), StringComparison.Ordinal);
        missing.AssertError(HttpStatusCode.NotFound, 40402);
    }

    [Fact]
    public async Task Config_DefaultAndPerSubject_GovernsRegistration()
    {
        // Arrange
        await _client.RegisterOkAsync("people-value", TestSchemas.V1);

        // Act
        var (_, global) = await _client.SendAsync(HttpMethod.Get, "config");
        var notConfigured = await _client.SendAsync(HttpMethod.Get, "config/people-value");
        var (putStatus, put) = await _client.SendAsync(HttpMethod.Put, "config/people-value", new { compatibility = "NONE" }, "application/json");
        var (_, subject) = await _client.SendAsync(HttpMethod.Get, "config/people-value");
        var (_, otherSubject) = await _client.SendAsync(HttpMethod.Get, "config/other?defaultToGlobal=true");
        var incompatibleAllowed = await _client.RegisterOkAsync("people-value", TestSchemas.V3Required);
        var invalid = await _client.SendAsync(HttpMethod.Put, "config", new { compatibility = "SIDEWAYS" });

        // Assert
        Assert.Equal("BACKWARD", (string?)global!["compatibilityLevel"]);
        notConfigured.AssertError(HttpStatusCode.NotFound, 40408);
        Assert.Equal((HttpStatusCode.OK, "NONE"), (putStatus, (string?)put!["compatibility"]));
        Assert.Equal("NONE", (string?)subject!["compatibilityLevel"]);
        Assert.Equal("BACKWARD", (string?)otherSubject!["compatibilityLevel"]);
        Assert.True(incompatibleAllowed > 0);
        invalid.AssertError(HttpStatusCode.UnprocessableEntity, 42203);
    }

    [Theory]
    [InlineData("FORWARD", TestSchemas.V2, true)]
    [InlineData("FULL", TestSchemas.V2, true)]
    [InlineData("FORWARD", TestSchemas.V3Required, true)]
    [InlineData("FULL", TestSchemas.V3Required, false)]
    [InlineData("BACKWARD_TRANSITIVE", TestSchemas.V3Required, false)]
    [InlineData("NONE", TestSchemas.Other, true)]
    public async Task Register_UnderLevel_AcceptsOrRefusesAsTheLevelSays(string level, string candidate, bool accepted)
    {
        // Arrange
        await _client.SendAsync(HttpMethod.Put, "config/people-value", new { compatibility = level });
        await _client.RegisterOkAsync("people-value", TestSchemas.V1);

        // Act
        var (status, _) = await _client.RegisterAsync("people-value", candidate);

        // Assert
        Assert.Equal(accepted ? HttpStatusCode.OK : HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task Delete_SoftThenPermanent_HidesVersionsKeepsIdsAndAnswersTheRightCodes()
    {
        // Arrange
        var id1 = await _client.RegisterOkAsync("people-value", TestSchemas.V1);
        await _client.RegisterOkAsync("people-value", TestSchemas.V2);

        // Act
        var (_, deletedVersion) = await _client.SendAsync(HttpMethod.Delete, "subjects/people-value/versions/1");
        var (_, versionsAfter) = await _client.SendAsync(HttpMethod.Get, "subjects/people-value/versions");
        var (_, withDeleted) = await _client.SendAsync(HttpMethod.Get, "subjects/people-value/versions?deleted=true");
        var deletedAgain = await _client.SendAsync(HttpMethod.Delete, "subjects/people-value/versions/1");
        var (idStatus, _) = await _client.SendAsync(HttpMethod.Get, $"schemas/ids/{id1}");
        var permanentTooEarly = await _client.SendAsync(HttpMethod.Delete, "subjects/people-value/versions/2?permanent=true");
        var (_, deletedSubject) = await _client.SendAsync(HttpMethod.Delete, "subjects/people-value");
        var (_, subjects) = await _client.SendAsync(HttpMethod.Get, "subjects");
        var gone = await _client.SendAsync(HttpMethod.Get, "subjects/people-value/versions");
        var (_, permanent) = await _client.SendAsync(HttpMethod.Delete, "subjects/people-value?permanent=true");
        var (_, subjectsWithDeleted) = await _client.SendAsync(HttpMethod.Get, "subjects?deleted=true");
        var reRegistered = await _client.RegisterOkAsync("people-value", TestSchemas.V1);

        // Assert
        Assert.Equal("1", deletedVersion!.ToJsonString());
        Assert.Equal("[2]", versionsAfter!.ToJsonString());
        Assert.Equal("[1,2]", withDeleted!.ToJsonString());
        deletedAgain.AssertError(HttpStatusCode.NotFound, 40406);
        Assert.Equal(HttpStatusCode.OK, idStatus);
        permanentTooEarly.AssertError(HttpStatusCode.NotFound, 40407);
        Assert.Equal("[2]", deletedSubject!.ToJsonString());
        Assert.Equal("[]", subjects!.ToJsonString());
        gone.AssertError(HttpStatusCode.NotFound, 40401);
        Assert.Equal("[1,2]", permanent!.ToJsonString());
        Assert.Equal("[]", subjectsWithDeleted!.ToJsonString());
        Assert.Equal(id1, reRegistered);
    }

    [Fact]
    public async Task Requests_RefusedAndAccepted_AreCountedByOperationAndStatus()
    {
        // Arrange
        await _client.RegisterOkAsync("people-value", TestSchemas.V1);
        await _client.RegisterAsync("people-value", TestSchemas.V3Required);
        await _client.RegisterAsync("people-value", "{not json");

        // Act
        var metrics = await _client.GetStringAsync(new Uri("metrics", UriKind.Relative));

        // Assert
        Assert.Contains("streams_schema_registry_requests_total{operation=\"register\",status=\"200\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("streams_schema_registry_requests_total{operation=\"register\",status=\"409\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("streams_schema_registry_requests_total{operation=\"register\",status=\"422\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_PlainJsonContentType_IsAccepted()
    {
        // Act
        var (status, body) = await _client.SendAsync(HttpMethod.Post, "subjects/people-value/versions", new { schema = TestSchemas.V1 }, "application/json");

        // Assert
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body!["id"]);
    }

    [Fact]
    public async Task Register_BodyNotJson_Answers400WithErrorBody()
    {
        // Act
        var answer = await _client.SendAsync(HttpMethod.Post, "subjects/people-value/versions", "not json");

        // Assert
        answer.AssertError(HttpStatusCode.BadRequest, 400);
    }
}

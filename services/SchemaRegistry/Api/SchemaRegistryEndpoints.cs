using System.Text.Json;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Streams.SchemaRegistry.Compatibility;
using Streams.SchemaRegistry.Storage;
using Streams.Telemetry;

namespace Streams.SchemaRegistry.Api;

/// <summary>
/// The Confluent Schema Registry REST routes (https://docs.confluent.io/platform/current/schema-registry/develop/api.html)
/// that clients use. Bodies are read whatever their content type (Confluent's clients send
/// <c>application/vnd.schemaregistry.v1+json</c>, others <c>application/json</c>); answers are
/// <c>application/vnd.schemaregistry.v1+json</c>.
/// </summary>
internal static class SchemaRegistryEndpoints
{
    public const string MediaType = "application/vnd.schemaregistry.v1+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);
    private static readonly string[] SchemaTypes = ["AVRO"];
    private static readonly object[] NoAssociations = [];

    public static void Map(IEndpointRouteBuilder root)
    {
        // Every answer is counted by operation and status.
        var endpoints = root.MapGroup("/").AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context).ConfigureAwait(false);
            var operation = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<RegistryOperation>()?.Name ?? "other";
            var status = (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
            context.HttpContext.RequestServices.GetRequiredService<StreamsMetrics>().CountSchemaRegistryRequest(operation, status);
            return result;
        });
        endpoints.MapGet("/", () => Ok(new { }))
            .WithMetadata(new RegistryOperation("root"));
        endpoints.MapGet("/schemas/types", () => Ok(SchemaTypes))
            .WithMetadata(new RegistryOperation("schema-types"));
        endpoints.MapGet("/schemas/ids/{id:int}", (int id, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => new { schema = await api.GetSchemaAsync(id, ct) }))
            .WithMetadata(new RegistryOperation("get-schema"));
        endpoints.MapGet("/schemas/ids/{id:int}/schema", (int id, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => Raw(await api.GetSchemaAsync(id, ct))))
            .WithMetadata(new RegistryOperation("get-raw-schema"));
        endpoints.MapGet("/subjects", (bool? deleted, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => await api.SubjectsAsync(deleted ?? false, ct)))
            .WithMetadata(new RegistryOperation("list-subjects"));
        endpoints.MapGet("/subjects/{subject}/versions", (string subject, bool? deleted, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => await api.VersionsAsync(subject, deleted ?? false, ct)))
            .WithMetadata(new RegistryOperation("list-versions"));
        endpoints.MapGet("/subjects/{subject}/versions/{version}", (string subject, string version, bool? deleted, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => Describe(await api.GetVersionAsync(subject, version, deleted ?? false, ct))))
            .WithMetadata(new RegistryOperation("get-version"));
        endpoints.MapGet("/subjects/{subject}/versions/{version}/schema", (string subject, string version, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => Raw((await api.GetVersionAsync(subject, version, includeDeleted: false, ct)).Schema)))
            .WithMetadata(new RegistryOperation("get-version-schema"));
        endpoints.MapPost("/subjects/{subject}/versions", (string subject, HttpRequest request, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => new { id = await api.RegisterAsync(subject, await BodyAsync(request, ct), ct) }))
            .WithMetadata(new RegistryOperation("register"));
        endpoints.MapPost("/subjects/{subject}", (string subject, bool? deleted, HttpRequest request, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => Describe(await api.LookupAsync(subject, await BodyAsync(request, ct), deleted ?? false, ct))))
            .WithMetadata(new RegistryOperation("lookup"));
        endpoints.MapDelete("/subjects/{subject}", (string subject, bool? permanent, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => await api.DeleteSubjectAsync(subject, permanent ?? false, ct)))
            .WithMetadata(new RegistryOperation("delete-subject"));
        endpoints.MapDelete("/subjects/{subject}/versions/{version}", (string subject, string version, bool? permanent, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => await api.DeleteVersionAsync(subject, version, permanent ?? false, ct)))
            .WithMetadata(new RegistryOperation("delete-version"));
        endpoints.MapPost("/compatibility/subjects/{subject}/versions/{version}", (string subject, string version, bool? verbose, HttpRequest request, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => Compatibility(await api.CheckCompatibilityAsync(subject, version, await BodyAsync(request, ct), ct), verbose ?? false)))
            .WithMetadata(new RegistryOperation("check-compatibility"));
        endpoints.MapPost("/compatibility/subjects/{subject}/versions", (string subject, bool? verbose, HttpRequest request, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => Compatibility(await api.CheckCompatibilityAsync(subject, null, await BodyAsync(request, ct), ct), verbose ?? false)))
            .WithMetadata(new RegistryOperation("check-compatibility-all"));
        // This registry keeps no associations (topic → subject). Confluent's .NET serdes (2.16) ask for a topic's associated
        // subject before they fall back to <topic>-key/-value; an empty list answers them without a 404 each time.
        endpoints.MapGet("/associations/resources/{resourceNamespace}/{resourceName}", () => Ok(NoAssociations))
            .WithMetadata(new RegistryOperation("list-associations"));
        endpoints.MapGet("/config", (SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => Level(await api.GetLevelAsync(null, defaultToGlobal: true, ct))))
            .WithMetadata(new RegistryOperation("get-global-config"));
        endpoints.MapPut("/config", (HttpRequest request, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => new { compatibility = CompatibilityLevels.Name(await api.SetLevelAsync(null, await BodyAsync(request, ct), ct)) }))
            .WithMetadata(new RegistryOperation("set-global-config"));
        endpoints.MapGet("/config/{subject}", (string subject, bool? defaultToGlobal, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => Level(await api.GetLevelAsync(subject, defaultToGlobal ?? false, ct))))
            .WithMetadata(new RegistryOperation("get-subject-config"));
        endpoints.MapPut("/config/{subject}", (string subject, HttpRequest request, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => new { compatibility = CompatibilityLevels.Name(await api.SetLevelAsync(subject, await BodyAsync(request, ct), ct)) }))
            .WithMetadata(new RegistryOperation("set-subject-config"));
        endpoints.MapDelete("/config/{subject}", (string subject, SchemaRegistryApi api, CancellationToken ct) =>
            Answer(async () => Level(await api.DeleteLevelAsync(subject, ct))))
            .WithMetadata(new RegistryOperation("delete-subject-config"));
    }

    private static object Describe(SchemaVersion version) =>
        new { subject = version.Subject, version = version.Version, id = version.Id, schema = version.Schema };

    private static object Level(CompatibilityLevel level) => new { compatibilityLevel = CompatibilityLevels.Name(level) };

    private static object Compatibility(IReadOnlyList<string> problems, bool verbose) => verbose
        ? new { is_compatible = problems.Count == 0, messages = problems }
        : new { is_compatible = problems.Count == 0 };

    /// <summary>A schema's own JSON as the answer body, for the <c>.../schema</c> routes.</summary>
    private static JsonElement Raw(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return document.RootElement.Clone();
    }

    private static async Task<JsonElement> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw RegistryException.BadRequest($"The request body is not JSON: {ex.Message}");
        }
    }

    private static async Task<IResult> Answer(Func<Task<object>> handle)
    {
        try
        {
            return Ok(await handle().ConfigureAwait(false));
        }
        catch (RegistryException ex)
        {
            return Error(ex.Status, ex.ErrorCode, ex.Message);
        }
        catch (KafkaException ex)
        {
            return Error(500, 50001, $"Error in the backend data store: {ex.Error.Reason}");
        }
        catch (TimeoutException ex)
        {
            return Error(500, 50002, $"Operation timed out: {ex.Message}");
        }
    }

    private static IResult Ok(object body) => Results.Json(body, Json, MediaType);

    private static IResult Error(int status, int errorCode, string message) =>
        Results.Json(new { error_code = errorCode, message }, Json, MediaType, status);
}

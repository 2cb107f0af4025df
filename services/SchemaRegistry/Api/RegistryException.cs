namespace Streams.SchemaRegistry.Api;

/// <summary>An answer with a Confluent error body: <c>{"error_code": ..., "message": ...}</c>.</summary>
internal sealed class RegistryException(int status, int errorCode, string message) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>Confluent's error code, e.g. 40401.</summary>
    public int ErrorCode { get; } = errorCode;

    public static RegistryException SubjectNotFound(string subject) => new(404, 40401, $"Subject '{subject}' not found.");

    public static RegistryException VersionNotFound(string subject, int version) => new(404, 40402, $"Version {version} not found for subject '{subject}'.");

    public static RegistryException SchemaNotFound(string what) => new(404, 40403, $"Schema not found: {what}.");

    public static RegistryException InvalidSchema(string detail) => new(422, 42201, $"Invalid schema: {detail}");

    public static RegistryException InvalidVersion(string version) =>
        new(422, 42202, $"The specified version '{version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\".");

    public static RegistryException InvalidCompatibilityLevel(string? level) =>
        new(422, 42203, $"Invalid compatibility level '{level}'. Valid values are NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE.");

    public static RegistryException Incompatible(IEnumerable<string> problems) =>
        new(409, 409, "Schema being registered is incompatible with an earlier schema for the same subject: " + string.Join("; ", problems));

    public static RegistryException BadRequest(string detail) => new(400, 400, detail);
}

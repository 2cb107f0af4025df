namespace Streams.SchemaRegistry.Api;

/// <summary>Endpoint metadata naming a registry operation, the <c>operation</c> label of its request counter.</summary>
/// <param name="Name">The operation, e.g. <c>register</c>.</param>
internal sealed record RegistryOperation(string Name);

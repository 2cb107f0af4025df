namespace Streams.Host;

/// <summary>What a role adds to the host: its services, and the endpoints it serves (if any).</summary>
/// <param name="Role">The role.</param>
/// <param name="AddServices">Registers the role's services.</param>
/// <param name="MapEndpoints">Maps the role's HTTP endpoints.</param>
internal sealed record RoleModule(Role Role, Action<IServiceCollection> AddServices, Action<IEndpointRouteBuilder> MapEndpoints);

namespace Streams.Host;

/// <summary>Parses <c>--roles ingest,normaliser,egress</c> (or <c>all</c>).</summary>
internal static class RoleSet
{
    private static readonly Dictionary<string, Role> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ingest"] = Role.Ingest,
        ["normaliser"] = Role.Normaliser,
        ["egress"] = Role.Egress,
        ["retrier"] = Role.Retrier,
        ["auditor"] = Role.Auditor,
        ["schema-registry"] = Role.SchemaRegistry,
        ["demo-receiver"] = Role.DemoReceiver,
        ["ui"] = Role.Ui,
        ["receipts"] = Role.Receipts,
    };

    /// <summary>Every role's name, for help and error messages.</summary>
    public static string Known => string.Join(", ", Names.Keys) + ", all";

    /// <summary>The roles named; an error message when a name is unknown or none is given.</summary>
    public static (Role Roles, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (Role.None, $"No roles given: pass --roles with any of {Known}.");
        }

        var roles = Role.None;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (name.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                roles |= Names.Values.Aggregate(Role.None, (all, role) => all | role);
            }
            else if (Names.TryGetValue(name, out var role))
            {
                roles |= role;
            }
            else
            {
                return (Role.None, $"Unknown role '{name}' in --roles; known roles: {Known}.");
            }
        }

        return (roles, null);
    }
}

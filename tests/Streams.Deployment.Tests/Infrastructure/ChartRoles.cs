namespace Streams.Deployment.Tests.Infrastructure;

/// <summary>The roles the chart deploys, as `--roles` names them (services/Host/RoleSet.cs), and their values keys.</summary>
public static class ChartRoles
{
    /// <summary>Every role with a Deployment of its own; demo-receiver is for local use only.</summary>
    public static readonly IReadOnlyList<string> All = ["ingest", "normaliser", "egress", "retrier", "auditor", "schema-registry", "ui", "receipts"];

    /// <summary>The consumers KEDA scales on lag, with their values key and the configuration section of their group.</summary>
    public static readonly IReadOnlyList<(string Role, string Section)> LagScaled =
    [
        ("normaliser", "Normaliser"),
        ("egress", "Egress"),
        ("retrier", "Retrier"),
    ];

    /// <summary>A role's resource name for the release `streams` the tests render.</summary>
    public static string ResourceName(string role) => "streams-" + role;
}

namespace Streams.Audit;

/// <summary>The wire names of <see cref="AuditStage"/> values in audit reports and the loss API.</summary>
public static class AuditStages
{
    private static readonly string[] Names = ["in", "out", "dead_lettered", "filtered", "duplicate", "retry_handed_off"];

    /// <summary>Every stage that accounts for an event (all but <see cref="AuditStage.In"/>).</summary>
    public static IReadOnlyList<AuditStage> Outcomes { get; } =
        [AuditStage.Out, AuditStage.DeadLettered, AuditStage.Filtered, AuditStage.Duplicate, AuditStage.RetryHandedOff];

    /// <summary>The stage's wire name, e.g. <c>dead_lettered</c>.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>Its name.</returns>
    public static string Name(AuditStage stage) => Names[(int)stage];

    /// <summary>Parses a wire name.</summary>
    /// <param name="name">The name, e.g. <c>out</c>.</param>
    /// <param name="stage">The stage, when known.</param>
    /// <returns>True when the name is a known stage.</returns>
    public static bool TryParse(string? name, out AuditStage stage)
    {
        var index = Array.IndexOf(Names, name);
        stage = (AuditStage)Math.Max(index, 0);
        return index >= 0;
    }
}

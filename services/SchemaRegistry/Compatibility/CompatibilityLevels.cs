namespace Streams.SchemaRegistry.Compatibility;

/// <summary>The wire names of <see cref="CompatibilityLevel"/>, e.g. <c>BACKWARD_TRANSITIVE</c>.</summary>
internal static class CompatibilityLevels
{
    private static readonly Dictionary<string, CompatibilityLevel> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NONE"] = CompatibilityLevel.None,
        ["BACKWARD"] = CompatibilityLevel.Backward,
        ["BACKWARD_TRANSITIVE"] = CompatibilityLevel.BackwardTransitive,
        ["FORWARD"] = CompatibilityLevel.Forward,
        ["FORWARD_TRANSITIVE"] = CompatibilityLevel.ForwardTransitive,
        ["FULL"] = CompatibilityLevel.Full,
        ["FULL_TRANSITIVE"] = CompatibilityLevel.FullTransitive,
    };

    /// <summary>The level registries start with, as Confluent's does.</summary>
    public const CompatibilityLevel Default = CompatibilityLevel.Backward;

    public static bool TryParse(string? name, out CompatibilityLevel level) => ByName.TryGetValue(name ?? "", out level);

    public static string Name(CompatibilityLevel level) => ByName.First(pair => pair.Value == level).Key;
}

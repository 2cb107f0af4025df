using Avro;

namespace Streams.SchemaRegistry.Compatibility;

/// <summary>Checks a new schema against a subject's versions under a level, by the specification's schema resolution (<see cref="AvroReaderWriterCompatibility"/>).</summary>
internal static class CompatibilityChecker
{
    /// <summary>What is incompatible; empty when the new schema is acceptable.</summary>
    /// <param name="candidate">The new schema.</param>
    /// <param name="versions">The subject's live versions, oldest first.</param>
    /// <param name="level">The subject's level.</param>
    public static IReadOnlyList<string> Check(Schema candidate, IReadOnlyList<(int Version, Schema Schema)> versions, CompatibilityLevel level)
    {
        var against = level switch
        {
            CompatibilityLevel.None => [],
            CompatibilityLevel.Backward or CompatibilityLevel.Forward or CompatibilityLevel.Full => versions.TakeLast(1),
            _ => versions,
        };
        var backward = level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var forward = level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
        var problems = new List<string>();
        foreach (var (version, existing) in against)
        {
            if (backward && !AvroReaderWriterCompatibility.CanRead(candidate, existing, out var reason))
            {
                problems.Add($"The new schema cannot read data written with version {version}: {reason}");
            }

            if (forward && !AvroReaderWriterCompatibility.CanRead(existing, candidate, out reason))
            {
                problems.Add($"Version {version} cannot read data written with the new schema: {reason}");
            }
        }

        return problems;
    }
}

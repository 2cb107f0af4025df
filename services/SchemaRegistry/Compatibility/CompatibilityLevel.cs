namespace Streams.SchemaRegistry.Compatibility;

/// <summary>Which earlier versions a new schema of a subject must be compatible with, and in which direction (Confluent's levels).</summary>
internal enum CompatibilityLevel
{
    /// <summary>No check.</summary>
    None,

    /// <summary>The new schema can read data written with the latest version.</summary>
    Backward,

    /// <summary>The new schema can read data written with every version.</summary>
    BackwardTransitive,

    /// <summary>The latest version can read data written with the new schema.</summary>
    Forward,

    /// <summary>Every version can read data written with the new schema.</summary>
    ForwardTransitive,

    /// <summary>Backward and forward against the latest version.</summary>
    Full,

    /// <summary>Backward and forward against every version.</summary>
    FullTransitive,
}

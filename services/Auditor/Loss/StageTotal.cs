using Streams.Kafka;

namespace Streams.Auditor.Loss;

/// <summary>A count of events and the sum (mod 2^64) of their identities.</summary>
/// <param name="Count">How many events.</param>
/// <param name="Digest">The sum of their <see cref="EventIdentity"/> values, modulo 2^64.</param>
public readonly record struct StageTotal(long Count, ulong Digest)
{
    /// <summary>Adds two totals.</summary>
    /// <param name="left">One total.</param>
    /// <param name="right">The other.</param>
    /// <returns>Their sum.</returns>
    public static StageTotal operator +(StageTotal left, StageTotal right) =>
        new(left.Count + right.Count, unchecked(left.Digest + right.Digest));

    /// <summary>Adds two totals (the named form of <c>+</c>).</summary>
    /// <param name="other">The other total.</param>
    /// <returns>The sum.</returns>
    public StageTotal Add(StageTotal other) => this + other;
}

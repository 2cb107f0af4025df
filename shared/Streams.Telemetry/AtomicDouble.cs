namespace Streams.Telemetry;

/// <summary>Lock-free arithmetic on shared doubles, which <see cref="Interlocked"/> only offers for integers.</summary>
internal static class AtomicDouble
{
    /// <summary>Adds <paramref name="value"/> to <paramref name="location"/> atomically.</summary>
    public static void Add(ref double location, double value)
    {
        var current = Volatile.Read(ref location);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref location, current + value, current);

            // Compare bits, not values: NaN != NaN would otherwise spin forever once the total is NaN.
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = seen;
        }
    }
}

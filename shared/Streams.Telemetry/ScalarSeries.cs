namespace Streams.Telemetry;

/// <summary>The value of one counter or gauge series.</summary>
internal sealed class ScalarSeries
{
    private double _value;

    /// <summary>Gets the current value.</summary>
    public double Value => Volatile.Read(ref _value);

    /// <summary>Adds a delta, as counters and up-down counters report.</summary>
    public void Add(double delta) => AtomicDouble.Add(ref _value, delta);

    /// <summary>Replaces the value, as gauges and observable instruments report.</summary>
    public void Set(double value) => Volatile.Write(ref _value, value);
}

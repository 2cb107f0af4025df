using System.Globalization;

namespace Streams.LoadTest;

/// <summary>Event ids of one run, <c>lt-&lt;run&gt;-&lt;sequence&gt;</c>: unique across runs, and the receiver reads the sequence back.</summary>
internal sealed class LoadEventIds(string run)
{
    private readonly string _prefix = $"lt-{run}-";

    /// <summary>A fresh run name.</summary>
    public static LoadEventIds ForNewRun() => new(Guid.NewGuid().ToString("N")[..10]);

    public string Run { get; } = run;

    public string IdOf(long sequence) => _prefix + sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>The sequence number of one of this run's ids; false for anybody else's event.</summary>
    public bool TryParse(ReadOnlySpan<char> id, out long sequence)
    {
        sequence = -1;
        return id.StartsWith(_prefix, StringComparison.Ordinal)
            && long.TryParse(id[_prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}

namespace Streams.Ui.History;

/// <summary>
/// The last <see cref="Capacity"/> scrapes, oldest first: a bounded ring, so the page's hour of history costs the same
/// memory however long the process runs.
/// </summary>
internal sealed class MetricsHistory
{
    private readonly Lock _lock = new();
    private readonly Queue<MetricsPoint> _points = new();
    private readonly Dictionary<string, string> _failures = new(StringComparer.Ordinal);

    /// <param name="capacity">Most scrapes kept; at least two, the fewest that make one interval.</param>
    public MetricsHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>The scrapes kept, oldest first.</summary>
    public IReadOnlyList<MetricsPoint> Points
    {
        get
        {
            lock (_lock)
            {
                return [.. _points];
            }
        }
    }

    /// <summary>Why the latest scrape of each failing URL failed; a URL drops out once it answers again.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_lock)
            {
                return [.. _failures.Select(failure => $"{failure.Key}: {failure.Value}")];
            }
        }
    }

    public void Add(MetricsPoint point)
    {
        lock (_lock)
        {
            _points.Enqueue(point);
            while (_points.Count > Capacity)
            {
                _points.Dequeue();
            }
        }
    }

    public void Failed(string url, string? reason)
    {
        lock (_lock)
        {
            if (reason is null)
            {
                _failures.Remove(url);
            }
            else
            {
                _failures[url] = reason;
            }
        }
    }
}

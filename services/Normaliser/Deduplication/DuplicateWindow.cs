namespace Streams.Normaliser.Deduplication;

/// <summary>
/// The (<c>source</c>, <c>id</c>) pairs normalised on one partition within the window, exactly (no hashing
/// shortcuts: a false positive would silently lose an event). Bounded: past <c>capacity</c> the oldest pair is
/// evicted early, which can only let a duplicate through, never drop an original.
/// </summary>
public sealed class DuplicateWindow
{
    private readonly long _windowMs;
    private readonly int _capacity;
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);
    // Pairs in the order they were added; since an entry is never refreshed, the head is always the oldest.
    private readonly Queue<(string Key, long AddedMs)> _order = new();

    /// <summary>Initializes a new instance of the <see cref="DuplicateWindow"/> class.</summary>
    /// <param name="window">How long a pair is remembered.</param>
    /// <param name="capacity">Most pairs kept.</param>
    public DuplicateWindow(TimeSpan window, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _windowMs = (long)window.TotalMilliseconds;
        _capacity = capacity;
    }

    /// <summary>Pairs currently remembered.</summary>
    public int Count => _seen.Count;

    /// <summary>The key of a pair: unambiguous for any two strings (the source's length is part of it).</summary>
    public static string Key(string source, string id)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{source.Length}:{source}{id}");
    }

    /// <summary>True when <paramref name="key"/> was added within the window (as of the last <see cref="Expire"/>).</summary>
    public bool Contains(string key) => _seen.ContainsKey(key);

    /// <summary>Remembers a pair added at <paramref name="addedMs"/>; returns how many pairs were evicted to make room.</summary>
    public int Add(string key, long addedMs)
    {
        if (!_seen.TryAdd(key, addedMs))
        {
            return 0;
        }

        _order.Enqueue((key, addedMs));
        var evicted = 0;
        while (_seen.Count > _capacity)
        {
            _seen.Remove(_order.Dequeue().Key);
            evicted++;
        }

        return evicted;
    }

    /// <summary>Forgets pairs added before <paramref name="nowMs"/> minus the window.</summary>
    public void Expire(long nowMs)
    {
        var cutoff = nowMs - _windowMs;
        while (_order.TryPeek(out var oldest) && oldest.AddedMs < cutoff)
        {
            _seen.Remove(_order.Dequeue().Key);
        }
    }
}

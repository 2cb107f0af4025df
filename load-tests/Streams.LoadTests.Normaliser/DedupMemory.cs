using System.Globalization;
using Streams.Normaliser.Deduplication;

namespace Streams.LoadTests.Normaliser;

/// <summary>
/// Pushes distinct ids through one partition's duplicate window (all inside the time window, so only the id
/// limit bounds it) and reports the retained managed heap, next to an unbounded set of the same keys.
/// </summary>
internal static class DedupMemory
{
    public static void Run(int distinctIds, int maxIds)
    {
        Console.WriteLine($"dedup window: {distinctIds:N0} distinct ids within a 5-minute window, limit {maxIds:N0} ids");
        var baseline = RetainedBytes();
        var window = new DuplicateWindow(TimeSpan.FromMinutes(5), maxIds);
        long evicted = 0;
        var checkpoints = new[] { distinctIds / 10, distinctIds / 4, distinctIds / 2, distinctIds }.ToHashSet();
        var started = DateTime.UtcNow;
        for (var i = 1; i <= distinctIds; i++)
        {
            var key = KeyOf(i);
            if (!window.Contains(key))
            {
                evicted += window.Add(key, addedMs: 1_000_000);
            }

            if (checkpoints.Contains(i))
            {
                var heap = RetainedBytes() - baseline;
                Console.WriteLine(
                    $"  after {i,10:N0} ids: window holds {window.Count,8:N0}, evicted {evicted,9:N0}, retained heap {heap / 1048576.0,7:N1} MiB ({(double)heap / window.Count:N0} B/id held)");
            }
        }

        var elapsed = DateTime.UtcNow - started;
        var boundedHeap = RetainedBytes() - baseline;
        GC.KeepAlive(window);
        window = null;

        var referenceBaseline = RetainedBytes();
        var unbounded = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i <= distinctIds; i++)
        {
            unbounded.Add(KeyOf(i));
        }

        var unboundedHeap = RetainedBytes() - referenceBaseline;
        GC.KeepAlive(unbounded);
        Console.WriteLine($"  bounded window: {boundedHeap / 1048576.0:N1} MiB for {maxIds:N0} ids; {distinctIds / elapsed.TotalSeconds:N0} ids/s checked and added");
        Console.WriteLine($"  reference: unbounded HashSet of all {distinctIds:N0} keys: {unboundedHeap / 1048576.0:N1} MiB");
        Console.WriteLine($"  window count {maxIds:N0} <= limit: {(evicted == distinctIds - maxIds ? "yes" : "NO")}, evictions counted {evicted:N0}");
    }

    // Realistic shapes: 50 sources, 24-character ids.
    private static string KeyOf(int i) =>
        DuplicateWindow.Key("/bench/source-" + (i % 50).ToString(CultureInfo.InvariantCulture), "evt-" + i.ToString("D20", CultureInfo.InvariantCulture));

    private static long RetainedBytes()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

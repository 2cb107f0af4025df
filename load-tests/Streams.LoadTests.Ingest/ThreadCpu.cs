using System.Globalization;
using System.Text.RegularExpressions;

namespace Streams.LoadTests.Ingest;

/// <summary>
/// Where a process's CPU went during a phase, by kind of thread (Kestrel and thread-pool workers, librdkafka's broker
/// threads, the GC…), read from Linux's <c>/proc/&lt;pid&gt;/task/*/stat</c>: the profile that says what bounds a
/// figure on a small machine, taken in the same run.
/// </summary>
internal sealed partial class ThreadCpu
{
    // USER_HZ: what /proc's tick counts are in, fixed at 100 on Linux.
    private const double TicksPerSecond = 100;
    private readonly Dictionary<int, (string Kind, long Ticks)> _threads;

    private ThreadCpu(int pid, Dictionary<int, (string Kind, long Ticks)> threads)
    {
        Pid = pid;
        _threads = threads;
    }

    public int Pid { get; }

    /// <summary>Each thread's CPU ticks so far; empty where /proc is not there.</summary>
    public static ThreadCpu Take(int pid)
    {
        var threads = new Dictionary<int, (string, long)>();
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return new ThreadCpu(pid, threads);
        }

        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                // "tid (name) state ..." — the name may hold spaces and parentheses, so split around the last ')'.
                var name = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..stat.LastIndexOf(')')];
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (Kind(name), ticks);
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return new ThreadCpu(pid, threads);
    }

    /// <summary>Share of a core per kind of thread between <paramref name="before"/> and this, largest first.</summary>
    public string Since(ThreadCpu before, TimeSpan elapsed, int top = 6)
    {
        ArgumentNullException.ThrowIfNull(before);
        var byKind = _threads
            .GroupBy(thread => thread.Value.Kind)
            .Select(kind => (Kind: kind.Key, Ticks: kind.Sum(thread => thread.Value.Ticks - before._threads.GetValueOrDefault(thread.Key, (kind.Key, 0)).Ticks)))
            .Where(kind => kind.Ticks > 0)
            .OrderByDescending(kind => kind.Ticks)
            .ToList();
        var total = byKind.Sum(kind => kind.Ticks);
        var parts = byKind.Take(top).Select(kind => FormattableString.Invariant($"{kind.Kind} {Share(kind.Ticks, elapsed):P0}"));
        return FormattableString.Invariant($"{Share(total, elapsed):P0} of a core ({string.Join(", ", parts)})");
    }

    private static double Share(long ticks, TimeSpan elapsed) => ticks / TicksPerSecond / elapsed.TotalSeconds;

    /// <summary>
    /// "rdk:broker3" and "rdk:broker4" are one kind; Linux cuts names at 15 characters, so the runtime's are spelt out.
    /// </summary>
    private static string Kind(string name) => TrailingNumber().Replace(name, "").Trim() switch
    {
        ".NET TP Worker" => "thread pool",
        ".NET Tiered Com" => "JIT",
        ".NET Long Runni" => "long-running (delivery reports, consumers)",
        ".NET Server GC" => "GC",
        "rdk:broker" => "librdkafka brokers",
        "rdk:mock" => "mock cluster",
        var other => other,
    };

    [GeneratedRegex("[0-9#]+$")]
    private static partial Regex TrailingNumber();
}

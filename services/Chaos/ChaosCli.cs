using System.CommandLine;
using System.Globalization;
using Streams.LoadTest;

namespace Streams.Chaos;

/// <summary>
/// <c>./streams chaos</c>: issue 14's fault matrix. Exits 0 when no row lost an event ingest answered 200 for, 1
/// otherwise (or when a row could not run), 2 on a bad command line.
/// </summary>
internal static class ChaosCli
{
    private const int UsageErrorExitCode = 2;
    private const int MaxRate = 5_000;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var shortForm = new Option<bool>("--short") { Description = "The short form CI runs: one broker down, SIGKILL egress, receiver 5xx, 410 (under 3 minutes)." };
        var only = new Option<string[]>("--only") { Description = "Run only these rows (repeat, or comma-separated): " + string.Join(", ", ChaosMatrix.Names), AllowMultipleArgumentsPerToken = true };
        var rate = new Option<int>("--rate") { Description = "Events per second through every row.", DefaultValueFactory = _ => 300 };
        var outDirectory = new Option<string?>("--out") { Description = "Where the table (chaos.md) and each row's logs go (default: .streams/chaos/<time>)." };
        var root = new RootCommand("Inject faults one at a time into a fresh pipeline under a steady stream and count answered, delivered, dead-lettered, lost and duplicated events.")
        {
            shortForm, only, rate, outDirectory,
        };
        root.SetAction(async (parse, token) =>
        {
            var settings = Settings(args, parse.GetValue(shortForm), parse.GetValue(only) ?? [], parse.GetValue(rate), parse.GetValue(outDirectory));
            var outcomes = await ChaosRun.RunAsync(settings, output, token).ConfigureAwait(false);
            return outcomes.All(o => o.Kept) ? 0 : 1;
        });

        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException exception)
        {
            await Console.Error.WriteLineAsync("streams chaos: " + exception.Message).ConfigureAwait(false);
            return UsageErrorExitCode;
        }
    }

    /// <summary>The settings a command line asks for; <see cref="UsageException"/> when it asks for something that is not there.</summary>
    public static ChaosSettings Settings(string[] args, bool shortForm, IEnumerable<string> only, int rate, string? outDirectory)
    {
        if (rate is < 10 or > MaxRate)
        {
            throw new UsageException($"--rate must be between 10 and {MaxRate:N0} events per second, not {rate}.");
        }

        var names = only.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var unknown = names.Except(ChaosMatrix.Names, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"no row {string.Join(", ", unknown)}; the rows are {string.Join(", ", ChaosMatrix.Names)}.");
        }

        var matrix = shortForm ? ChaosMatrix.Short : ChaosMatrix.Full;
        var rows = names.Count == 0 ? matrix : [.. matrix.Where(row => names.Contains(row.Name))];
        if (rows.Count == 0)
        {
            throw new UsageException($"--only names no row of the short form; it has {string.Join(", ", ChaosMatrix.Short.Select(r => r.Name))}.");
        }

        return new ChaosSettings
        {
            Rows = rows,
            Timeline = shortForm ? ChaosTimeline.Short : ChaosTimeline.Full,
            Rate = rate,
            Out = outDirectory ?? Path.Combine(".streams", "chaos", DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
            Command = string.Join(' ', ["./streams chaos", .. args]),
        };
    }
}

using System.Globalization;
using System.Text;

namespace Streams.Chaos;

/// <summary>The matrix as a Markdown table, and the page docs/reliability.md takes it from.</summary>
internal static class ChaosTable
{
    private const string Header =
        "| row | fault | sent | answered 200 | not 200 | delivered | dead-lettered | lost | duplicates | recovery | restarts |";

    private const string Rule = "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|";

    public static string Render(IEnumerable<RowOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var table = new StringBuilder().AppendLine(Header).AppendLine(Rule);
        foreach (var outcome in outcomes)
        {
            table.AppendLine(Line(outcome));
        }

        return table.ToString();
    }

    /// <summary>The whole page: how it was run, where, the table and what its columns mean.</summary>
    public static string Page(string command, DateTimeOffset ranAt, int processors, IReadOnlyList<RowOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var kept = outcomes.Count(o => o.Kept);
        return string.Create(CultureInfo.InvariantCulture, $"""
            Command: `{command}`, {ranAt:yyyy-MM-dd HH:mm} UTC, {processors} cores. {kept} of {outcomes.Count} rows lost nothing answered 200.

            {Render(outcomes)}
            - **answered 200**: events in requests ingest answered 200 — the promised ones. **not 200**: answered 503,
              refused or timed out: the sender was told to try again, nothing is promised.
            - **delivered**: answered-200 events the receiver got (unique ids); **dead-lettered**: answered-200 events
              never delivered and found, by their event hash, in `streams.dlq`; **lost** = answered 200 − delivered −
              dead-lettered, id by id. **duplicates**: receipts beyond an event's first.
            - **recovery**: from the end of the fault until the end-to-end p95 at the receiver is within twice the warm-up's
              worst second (at least {LagRecovery.Floor.TotalMilliseconds:0} ms), with events arriving, for {LagRecovery.Sustain} seconds in a row;
              "> N s" when it was not back to normal in the N s from the fault's end until sending stopped.
            - **restarts**: roles that exited by themselves during the row and were started again, as an orchestrator would.

            """);
    }

    private static string Line(RowOutcome outcome)
    {
        var row = outcome.Row;
        if (outcome.Counts is not { } counts)
        {
            return string.Create(CultureInfo.InvariantCulture, $"| {row.Name} | {row.Description} | did not run: {Escape(outcome.Error ?? "")} |||||||||");
        }

        var recovery = outcome.Recovery is { } time
            ? string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.0} s")
            : string.Create(CultureInfo.InvariantCulture, $"> {outcome.Observed.TotalSeconds:0} s");
        var lost = counts.Lost == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"**{counts.Lost:N0}**");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {row.Name} | {row.Description} | {counts.Sent:N0} | {counts.Answered200:N0} | {counts.NotAnswered200:N0} | {counts.Delivered:N0} | {counts.DeadLettered:N0} | {lost} | {counts.Duplicates:N0} | {recovery} | {outcome.UnplannedRestarts} |");
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}

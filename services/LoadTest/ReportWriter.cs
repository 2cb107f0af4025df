using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using static System.FormattableString;

namespace Streams.LoadTest;

/// <summary>Writes a run's report as <c>report.md</c> (for people), <c>report.json</c> (for tools) and <c>lag.png</c>.</summary>
internal static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A hop that observed nothing in a second has NaN lags.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync(LoadReport report, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), Markdown(report), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, Json), cancellationToken).ConfigureAwait(false);
        LagPlot.Save(report, Path.Combine(directory, "lag.png"));
    }

    /// <summary>The summary lines printed on the terminal at the end of a run.</summary>
    public static string Summary(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(Invariant($"rate {report.Rate:N0}/s for {report.DurationSeconds:0.#} s (achieved {report.AchievedRate:N0}/s, batches of {report.BatchSize})"));
        text.AppendLine(Invariant($"sent {report.Sent:N0}  acknowledged {report.Acknowledged:N0}  refused {report.Refused:N0}{Refusals(report)}"));
        text.AppendLine(Invariant($"received {report.Received:N0}  lost {report.Lost:N0}  duplicates {report.Duplicates:N0}"));
        text.AppendLine(Invariant($"end to end  p50 {report.EndToEnd.P50Ms:0.0} ms  p95 {report.EndToEnd.P95Ms:0.0} ms  p99 {report.EndToEnd.P99Ms:0.0} ms  max {report.EndToEnd.MaxMs:0.0} ms"));
        text.AppendLine(Invariant($"ingest ack  p50 {report.Acknowledgement.P50Ms:0.0} ms  p95 {report.Acknowledgement.P95Ms:0.0} ms  p99 {report.Acknowledgement.P99Ms:0.0} ms"));
        foreach (var hop in report.Hops)
        {
            text.AppendLine(Invariant($"  {hop.Hop,-12} lag-in p95 {Ms(hop.LagInP95Ms),10}  lag-out p95 {Ms(hop.LagOutP95Ms),10}"));
        }

        foreach (var failure in report.MetricsFailures)
        {
            text.AppendLine("metrics not read: " + failure);
        }

        return text.ToString();
    }

    private static string Markdown(LoadReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"# Load test {report.Run}"));
        text.AppendLine();
        text.AppendLine(Invariant($"Target {report.Target}, started {report.StartedAt:u}; open loop, latencies from each request's intended send time."));
        text.AppendLine();
        text.AppendLine("```");
        text.Append(Summary(report));
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine("| hop | lag-in p95 | lag-out p95 |");
        text.AppendLine("|---|---:|---:|");
        foreach (var hop in report.Hops)
        {
            text.AppendLine(Invariant($"| {hop.Hop} | {Ms(hop.LagInP95Ms)} | {Ms(hop.LagOutP95Ms)} |"));
        }

        text.AppendLine();
        var hops = report.Hops.Select(hop => hop.Hop).ToList();
        text.AppendLine("| second | sent | acknowledged | received | e2e p50 | e2e p95 |" + string.Concat(hops.Select(hop => $" {hop} lag-out p95 |")));
        text.AppendLine("|---:|---:|---:|---:|---:|---:|" + string.Concat(hops.Select(_ => "---:|")));
        foreach (var row in report.Seconds)
        {
            var lags = hops.Select(hop => row.Hops.FirstOrDefault(lag => lag.Hop == hop)?.LagOutP95Ms ?? double.NaN);
            text.AppendLine(Invariant($"| {row.Second} | {row.Sent} | {row.Acknowledged} | {row.Received} | {Ms(row.EndToEndP50Ms)} | {Ms(row.EndToEndP95Ms)} |")
                + string.Concat(lags.Select(lag => $" {Ms(lag)} |")));
        }

        text.AppendLine();
        text.AppendLine("![lag over time](lag.png)");
        return text.ToString();
    }

    private static string Refusals(LoadReport report) =>
        report.Refusals.Count == 0 ? string.Empty : " (" + string.Join(", ", report.Refusals.Select(pair => Invariant($"{pair.Key}: {pair.Value:N0} requests"))) + ")";

    private static string Ms(double value) => double.IsNaN(value) ? "–" : Invariant($"{value:0.0} ms");
}

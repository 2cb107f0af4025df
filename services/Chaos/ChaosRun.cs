using System.Globalization;
using Confluent.Kafka;
using Streams.LoadTest;
using Streams.Operations;

namespace Streams.Chaos;

/// <summary>The matrix: row after row through one chaos receiver, then the table, on the terminal and in <c>chaos.md</c>.</summary>
internal static class ChaosRun
{
    public static async Task<IReadOnlyList<RowOutcome>> RunAsync(ChaosSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        Directory.CreateDirectory(settings.Out);
        var receiverUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/chaos");
        var receiver = await LoadReceiver.StartAsync(receiverUrl, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<RowOutcome>();
        await using (receiver.ConfigureAwait(false))
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var rows = new ChaosRowRun(settings, receiver, receiverUrl, http, output);
            for (var index = 0; index < settings.Rows.Count; index++)
            {
                var row = settings.Rows[index];
                var label = string.Create(CultureInfo.InvariantCulture, $"{index + 1}/{settings.Rows.Count} {row.Name}");
                await output.WriteLineAsync($"== {label}: {row.Description} for {row.Window.TotalSeconds:0} s (logs in {Path.Combine(settings.Out, row.Name)})").ConfigureAwait(false);
                var outcome = await RunRowAsync(rows, row, label, cancellationToken).ConfigureAwait(false);
                outcomes.Add(outcome);
                await output.WriteAsync(ChaosTable.Render([outcome])).ConfigureAwait(false);
            }
        }

        var page = ChaosTable.Page(settings.Command, DateTimeOffset.UtcNow, Environment.ProcessorCount, outcomes);
        await File.WriteAllTextAsync(Path.Combine(settings.Out, "chaos.md"), page, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteAsync(page).ConfigureAwait(false);
        await output.WriteLineAsync($"table: {Path.Combine(settings.Out, "chaos.md")}").ConfigureAwait(false);
        return outcomes;
    }

    private static async Task<RowOutcome> RunRowAsync(ChaosRowRun rows, ChaosRow row, string label, CancellationToken cancellationToken)
    {
        try
        {
            return await rows.RunAsync(row, label, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception failed) when (failed is InvalidOperationException or TimeoutException or HttpRequestException or IOException or KafkaException or OperatorException)
        {
            // A row that cannot run (a role that never started, a control call refused) is a failed row, not the end of the matrix.
            return new RowOutcome(row, Counts: null, Recovery: null, Observed: TimeSpan.Zero, UnplannedRestarts: 0, failed.Message);
        }
    }
}

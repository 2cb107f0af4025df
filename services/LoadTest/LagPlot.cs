namespace Streams.LoadTest;

/// <summary>Draws lag over the run: end-to-end p50 and p95 as the receiver saw it, and each hop's lag-out p95 from /metrics.</summary>
internal static class LagPlot
{
    public static void Save(LoadReport report, string path)
    {
        var plot = new ScottPlot.Plot();
        var seconds = report.Seconds.Where(row => row.Received > 0).ToList();
        Line(plot, seconds.Select(row => (row.Second, row.EndToEndP50Ms)), "end to end p50");
        Line(plot, seconds.Select(row => (row.Second, row.EndToEndP95Ms)), "end to end p95");
        foreach (var hop in report.Hops.Select(hop => hop.Hop))
        {
            Line(
                plot,
                report.Seconds.Select(row => (row.Second, row.Hops.FirstOrDefault(lag => lag.Hop == hop)?.LagOutP95Ms ?? double.NaN)),
                $"{hop} lag-out p95");
        }

        plot.Title($"{report.Rate:N0} events/s for {report.DurationSeconds:0.#} s");
        plot.XLabel("second of the run");
        plot.YLabel("lag (ms)");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        plot.SavePng(path, 1000, 500);
    }

    private static void Line(ScottPlot.Plot plot, IEnumerable<(int Second, double Ms)> points, string label)
    {
        var drawn = points.Where(point => !double.IsNaN(point.Ms)).ToList();
        if (drawn.Count == 0)
        {
            return;
        }

        var line = plot.Add.Scatter(drawn.Select(point => (double)point.Second).ToArray(), drawn.Select(point => point.Ms).ToArray());
        line.LegendText = label;
    }
}

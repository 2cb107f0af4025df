namespace Streams.Telemetry.Tests;

public class PrometheusTextWriterTests
{
    private static readonly KeyValuePair<string, string>[] NoLabels = [];

    [Fact]
    public void Write_LabelValueWithBackslashQuoteAndNewline_EscapesEachOfThem()
    {
        var family = Gauge("g", Point(1, ("path", "C:\\dir \"quoted\"\nnext")));

        var text = PrometheusTextWriter.ToText([family]);

        Assert.Contains("g{path=\"C:\\\\dir \\\"quoted\\\"\\nnext\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_HelpWithBackslashNewlineAndQuote_EscapesBackslashAndNewlineOnly()
    {
        var family = new MetricFamily("g", "a \\ b\nc \"d\"", MetricType.Gauge, [Point(1)]);

        var text = PrometheusTextWriter.ToText([family]);

        Assert.StartsWith("# HELP g a \\\\ b\\nc \"d\"\n# TYPE g gauge\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CounterWithoutTotalSuffix_AppendsTotal()
    {
        var family = new MetricFamily("requests", "Requests", MetricType.Counter, [Point(3)]);

        var text = PrometheusTextWriter.ToText([family]);

        Assert.Equal("# HELP requests_total Requests\n# TYPE requests_total counter\nrequests_total 3\n", text);
    }

    [Fact]
    public void Write_CounterEndingInTotal_DoesNotDoubleTheSuffix()
    {
        var family = new MetricFamily("streams_events_in_total", "Events", MetricType.Counter, [Point(2, ("hop", "router"))]);

        var text = PrometheusTextWriter.ToText([family]);

        Assert.Equal(
            "# HELP streams_events_in_total Events\n# TYPE streams_events_in_total counter\nstreams_events_in_total{hop=\"router\"} 2\n",
            text);
    }

    [Fact]
    public void Write_Histogram_WritesCumulativeBucketsThenInfSumAndCount()
    {
        var histogram = new HistogramValue([0.1, 0.5, 1], [2, 0, 3, 4], 12.5);
        var family = new MetricFamily("lat_seconds", "Latency", MetricType.Histogram, [new MetricPoint([new("hop", "a")], 0, histogram)]);

        var text = PrometheusTextWriter.ToText([family]);

        Assert.Equal(
            """
            # HELP lat_seconds Latency
            # TYPE lat_seconds histogram
            lat_seconds_bucket{hop="a",le="0.1"} 2
            lat_seconds_bucket{hop="a",le="0.5"} 2
            lat_seconds_bucket{hop="a",le="1"} 5
            lat_seconds_bucket{hop="a",le="+Inf"} 9
            lat_seconds_sum{hop="a"} 12.5
            lat_seconds_count{hop="a"} 9

            """,
            text);
    }

    [Fact]
    public void Write_HistogramPointWithoutBuckets_Throws()
    {
        var family = new MetricFamily("h", "H", MetricType.Histogram, [Point(1)]);

        Assert.Throws<ArgumentException>(() => PrometheusTextWriter.ToText([family]));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(0.001, "0.001")]
    [InlineData(1234567d, "1234567")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    public void FormatValue_Value_UsesPrometheusSpellingAndRoundTrips(double value, string expected)
    {
        var text = PrometheusTextWriter.FormatValue(value);

        Assert.Equal(expected, text);
    }

    [Theory]
    [InlineData("dotnet.gc.collections", "dotnet_gc_collections")]
    [InlineData("1xx_rate", "_1xx_rate")]
    [InlineData("job:rate5m", "job:rate5m")]
    [InlineData("héllo-world", "h_llo_world")]
    [InlineData("", "_")]
    public void SanitizeMetricName_Name_ReplacesInvalidCharacters(string name, string expected)
    {
        var sanitized = PrometheusTextWriter.SanitizeMetricName(name);

        Assert.Equal(expected, sanitized);
    }

    [Theory]
    [InlineData("gc.heap.generation", "gc_heap_generation")]
    [InlineData("job:name", "job_name")]
    [InlineData("0th", "_0th")]
    [InlineData("status_class", "status_class")]
    public void SanitizeLabelName_Name_ReplacesInvalidCharacters(string name, string expected)
    {
        var sanitized = PrometheusTextWriter.SanitizeLabelName(name);

        Assert.Equal(expected, sanitized);
    }

    [Fact]
    public void Write_InstrumentStyleNames_SanitisesMetricAndLabelNames()
    {
        var family = new MetricFamily("dotnet.gc.collections", "GCs", MetricType.Counter, [Point(7, ("gc.heap.generation", "gen0"))]);

        var text = PrometheusTextWriter.ToText([family]);

        Assert.Contains("dotnet_gc_collections_total{gc_heap_generation=\"gen0\"} 7\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_FamiliesSharingAnExposedName_WritesOneFamily()
    {
        var first = new MetricFamily("jobs", "First", MetricType.Counter, [Point(1, ("q", "a"))]);
        var second = new MetricFamily("jobs_total", "Second", MetricType.Counter, [Point(2, ("q", "b"))]);

        var text = PrometheusTextWriter.ToText([first, second]);

        Assert.Equal(
            "# HELP jobs_total First\n# TYPE jobs_total counter\njobs_total{q=\"a\"} 1\njobs_total{q=\"b\"} 2\n",
            text);
    }

    [Fact]
    public void Write_SameNameWithConflictingType_KeepsOnlyTheFirstType()
    {
        var gauge = Gauge("x", Point(1));
        var histogram = new MetricFamily("x", "H", MetricType.Histogram, [new MetricPoint(NoLabels, 0, new HistogramValue([1], [1, 0], 1))]);

        var text = PrometheusTextWriter.ToText([gauge, histogram]);

        Assert.Equal("# HELP x x\n# TYPE x gauge\nx 1\n", text);
    }

    [Theory]
    [InlineData("dotnet.assembly.count", "dotnet_assembly_count_value")]
    [InlineData("queue_sum", "queue_sum_value")]
    [InlineData("queue_depth", "queue_depth")]
    public void Write_GaugeNamedLikeAHistogramSeries_AppendsValueSuffix(string name, string expected)
    {
        var text = PrometheusTextWriter.ToText([Gauge(name, Point(1))]);

        Assert.EndsWith($"\n{expected} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PointWithoutLabels_OmitsBraces()
    {
        var text = PrometheusTextWriter.ToText([Gauge("up", Point(1))]);

        Assert.EndsWith("\nup 1\n", text, StringComparison.Ordinal);
    }

    private static MetricFamily Gauge(string name, params MetricPoint[] points) => new(name, name, MetricType.Gauge, points);

    private static MetricPoint Point(double value, params (string Name, string Value)[] labels) =>
        new([.. labels.Select(label => new KeyValuePair<string, string>(label.Name, label.Value))], value);
}

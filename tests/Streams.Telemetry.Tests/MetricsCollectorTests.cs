using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Streams.Telemetry.Tests;

public class MetricsCollectorTests
{
    [Fact]
    public void Collect_CounterAddedFromManyThreads_TotalsMatchPerLabelSet()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        var counter = meter.CreateCounter<long>("ops_total");
        const int PerThread = 50_000;

        Parallel.For(0, 8, thread =>
        {
            var hop = thread % 2 == 0 ? "even" : "odd";
            for (var i = 0; i < PerThread; i++)
            {
                counter.Add(1, new KeyValuePair<string, object?>("hop", hop));
            }
        });
        var families = collector.Collect();

        Assert.Equal(4 * PerThread, Collected.Value(families, "ops_total", ("hop", "even")));
        Assert.Equal(4 * PerThread, Collected.Value(families, "ops_total", ("hop", "odd")));
    }

    [Fact]
    public void Collect_HistogramRecordedFromManyThreads_CountAndSumMatch()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        var histogram = meter.CreateHistogram("lat_seconds", "s", null, null, LatencyBuckets.Advice);
        const int PerThread = 20_000;

        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                histogram.Record(0.25, new KeyValuePair<string, object?>("hop", "a"));
            }
        });
        var value = Collected.Histogram(collector.Collect(), "lat_seconds", ("hop", "a"));

        Assert.Equal(4 * PerThread, value.Count);
        Assert.Equal(0.25 * 4 * PerThread, value.Sum, precision: 6);
        Assert.Equal(value.Count, value.BucketCounts[LatencyBuckets.Seconds.ToList().IndexOf(0.3)]);
    }

    [Fact]
    public void Collect_GaugeSetTwice_ReportsTheLastValue()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        var gauge = meter.CreateGauge<long>("depth");

        gauge.Record(10);
        gauge.Record(4);

        Assert.Equal(4, Collected.Value(collector.Collect(), "depth"));
    }

    [Fact]
    public void Collect_UpDownCounter_ReportsTheNetValueAsGauge()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        var inFlight = meter.CreateUpDownCounter<int>("in_flight");

        inFlight.Add(5);
        inFlight.Add(-2);
        var family = Collected.Family(collector.Collect(), "in_flight");

        Assert.Equal(MetricType.Gauge, family.Type);
        Assert.Equal(3, Assert.Single(family.Points).Value);
    }

    [Fact]
    public void Collect_ObservableCounterPolledTwice_ReportsTheObservedTotalNotASum()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        var total = 41L;
        meter.CreateObservableCounter("bytes_total", () => ++total);

        collector.Collect();
        var families = collector.Collect();

        Assert.Equal(MetricType.Counter, Collected.Family(families, "bytes_total").Type);
        Assert.Equal(43, Collected.Value(families, "bytes_total"));
    }

    [Fact]
    public void Collect_ObservableGauge_ReportsEachObservedSeries()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        meter.CreateObservableGauge("temperature", () => new[]
        {
            new Measurement<double>(20.5, new KeyValuePair<string, object?>("room", "a")),
            new Measurement<double>(-3, new KeyValuePair<string, object?>("room", "b")),
        });

        var families = collector.Collect();

        Assert.Equal(20.5, Collected.Value(families, "temperature", ("room", "a")));
        Assert.Equal(-3, Collected.Value(families, "temperature", ("room", "b")));
    }

    [Fact]
    public void Collect_SameTagsInAnotherOrder_LandInOneSeries()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        var counter = meter.CreateCounter<long>("c_total");
        var a = new KeyValuePair<string, object?>("a", "1");
        var b = new KeyValuePair<string, object?>("b", "2");

        counter.Add(1, a, b);
        counter.Add(1, b, a);
        var point = Assert.Single(Collected.Family(collector.Collect(), "c_total").Points);

        Assert.Equal(2, point.Value);
        Assert.Equal(["a", "b"], point.Labels.Select(label => label.Key));
    }

    [Fact]
    public void Collect_NonStringTagValues_AreFormattedInvariantly()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        var counter = meter.CreateCounter<long>("c_total");

        counter.Add(1, new KeyValuePair<string, object?>("partition", 3), new KeyValuePair<string, object?>("ratio", 0.5));
        counter.Add(1, new KeyValuePair<string, object?>("partition", 3), new KeyValuePair<string, object?>("ratio", 0.5));

        Assert.Equal(2, Collected.Value(collector.Collect(), "c_total", ("partition", "3"), ("ratio", "0.5")));
    }

    [Fact]
    public void Collect_NoMeasurementYet_OmitsTheFamily()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        meter.CreateCounter<long>("unused_total");

        Assert.Empty(collector.Collect());
    }

    [Fact]
    public void Collect_MeterNotListed_IsIgnored()
    {
        using var listened = NewMeter();
        using var other = NewMeter();
        using var collector = new MetricsCollector([listened.Name]);

        other.CreateCounter<long>("c_total").Add(1);

        Assert.Empty(collector.Collect());
    }

    [Fact]
    public void Collect_MeterFromAnotherFactory_IsIgnored()
    {
        using var ours = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var theirs = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var name = NewMeterName();
        using var collector = new MetricsCollector([name], ours.GetRequiredService<IMeterFactory>());

        ours.GetRequiredService<IMeterFactory>().Create(name).CreateCounter<long>("c_total").Add(1);
        theirs.GetRequiredService<IMeterFactory>().Create(name).CreateCounter<long>("c_total").Add(100);

        Assert.Equal(1, Collected.Value(collector.Collect(), "c_total"));
    }

    [Fact]
    public void Collect_TwoInstrumentsWithOneName_FeedOneFamily()
    {
        using var first = NewMeter();
        using var second = new Meter(first.Name, "2.0");
        using var collector = new MetricsCollector([first.Name]);

        first.CreateCounter<long>("c_total").Add(1);
        second.CreateCounter<long>("c_total").Add(2);

        Assert.Equal(3, Collected.Value(collector.Collect(), "c_total"));
    }

    [Fact]
    public void Collect_HistogramWithLongAdvice_UsesTheAdvisedBounds()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        var histogram = meter.CreateHistogram("size_bytes", "By", null, null, new InstrumentAdvice<long> { HistogramBucketBoundaries = [10, 100] });

        histogram.Record(50);
        var value = Collected.Histogram(collector.Collect(), "size_bytes");

        Assert.Equal([10d, 100d], value.Bounds);
        Assert.Equal([0L, 1L, 0L], value.BucketCounts);
    }

    [Fact]
    public void Collect_HistogramWithoutAdvice_UsesOpenTelemetryDefaultBounds()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);

        meter.CreateHistogram<double>("duration_ms").Record(7);
        var value = Collected.Histogram(collector.Collect(), "duration_ms");

        Assert.Equal([0d, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000], value.Bounds);
    }

    [Fact]
    public void Collect_DescriptionAndUnit_BecomeTheHelpText()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);

        meter.CreateCounter<long>("c_total", "{event}", "Events seen").Add(1);

        Assert.Equal("Events seen (unit: {event})", Collected.Family(collector.Collect(), "c_total").Help);
    }

    [Fact]
    public void Collect_RuntimeMeter_ExposesRuntimeMetrics()
    {
        using var collector = new MetricsCollector([MetricsCollector.RuntimeMeterName]);

        var families = collector.Collect();

        Assert.Contains(families, family => family.Name.StartsWith("dotnet.", StringComparison.Ordinal));
    }

    [Fact]
    public void Record_ExistingSeries_DoesNotAllocate()
    {
        using var meter = NewMeter();
        using var collector = new MetricsCollector([meter.Name]);
        var histogram = meter.CreateHistogram("lat_seconds", "s", null, null, LatencyBuckets.Advice);
        var counter = meter.CreateCounter<long>("c_total");
        var hop = new KeyValuePair<string, object?>("hop", "router");
        var partition = new KeyValuePair<string, object?>("partition", 7);
        RecordBoth(histogram, counter, hop, partition, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RecordBoth(histogram, counter, hop, partition, 10_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void RecordBoth(
        Histogram<double> histogram,
        Counter<long> counter,
        KeyValuePair<string, object?> hop,
        KeyValuePair<string, object?> partition,
        int times)
    {
        for (var i = 0; i < times; i++)
        {
            histogram.Record(0.01 * (i % 100), hop);
            counter.Add(1, hop, partition);
        }
    }

    private static string NewMeterName() => $"Streams.Tests.{Guid.NewGuid():N}";

    private static Meter NewMeter() => new(NewMeterName());
}

namespace Streams.LoadTests.Ingest;

/// <summary>What one load phase measured.</summary>
internal sealed record LoadResult(string Name, long Requests, long Failures, long Events, TimeSpan Elapsed, LatencyHistogram Latency)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public override string ToString() =>
        $"{Name,-44} {RequestsPerSecond,10:N0} req/s {EventsPerSecond,12:N0} events/s  p50 {Latency.Percentile(0.50),7:N2} ms  p95 {Latency.Percentile(0.95),7:N2} ms  p99 {Latency.Percentile(0.99),7:N2} ms  failures {Failures}";
}

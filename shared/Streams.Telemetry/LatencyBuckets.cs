namespace Streams.Telemetry;

/// <summary>
/// Histogram bucket bounds, in seconds, for every latency and lag the pipeline measures.
/// </summary>
/// <remarks>
/// Lags range from about a millisecond on a healthy hop to minutes during a backlog, and alerts read p95s
/// across that whole range, so the bounds follow a 1-1.5-2-3-5-7.5 progression from 1 ms to 10 minutes:
/// from 2 ms up neighbouring bounds differ by at most 1.67x (2x between 1 and 2 ms), which keeps the error of <c>histogram_quantile</c>'s linear
/// interpolation within one bucket, while 35 bounds keep the series count per label set modest
/// (a finer, 2-3 buckets per doubling series would triple it for little gain). Above 60 s the
/// bounds follow minutes (90 s, 2, 3, 5, 7.5 and 10 min). Values above 10 minutes land in <c>+Inf</c>,
/// where <c>histogram_quantile</c> reports 600 s: at that point the answer is "too late" anyway.
/// </remarks>
public static class LatencyBuckets
{
    /// <summary>Gets the ascending upper bounds, in seconds.</summary>
    public static IReadOnlyList<double> Seconds { get; } = Array.AsReadOnly<double>(
    [
        0.001, 0.002, 0.003, 0.005, 0.0075,
        0.01, 0.015, 0.02, 0.03, 0.05, 0.075,
        0.1, 0.15, 0.2, 0.3, 0.5, 0.75,
        1, 1.5, 2, 3, 5, 7.5,
        10, 15, 20, 30, 45, 60,
        90, 120, 180, 300, 450, 600,
    ]);
}

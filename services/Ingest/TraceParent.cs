using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Streams.Ingest;

/// <summary>The W3C trace context (https://www.w3.org/TR/trace-context/) stamped on each record.</summary>
internal static class TraceParent
{
    /// <summary>
    /// Ingest's own <paramref name="span"/> when spans are recorded; else the caller's trace when its <c>traceparent</c>
    /// is well formed, or a new trace.
    /// </summary>
    public static string For(HttpRequest request, Activity? span)
    {
        if (span is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            return id;
        }

        var given = request.Headers.TraceParent.ToString();
        if (ActivityContext.TryParse(given, traceState: null, out var context))
        {
            return $"00-{context.TraceId}-{ActivitySpanId.CreateRandom()}-{(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}";
        }

        return Activity.Current is { IdFormat: ActivityIdFormat.W3C } current
            ? current.Id!
            : $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01";
    }
}

using System.Diagnostics;
using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>
/// W3C trace context (https://www.w3.org/TR/trace-context/) across Kafka: each hop continues the trace in the
/// record's <c>traceparent</c> header with a span of its own, and stamps that span on what it produces.
/// </summary>
/// <remarks>
/// Spans exist only while something listens to <see cref="SourceName"/> (the OTLP exporter when configured);
/// otherwise <see cref="StartHop"/> returns null at the cost of one check, and the records keep the
/// <c>traceparent</c> they came with, so the trace still reaches the next hop intact.
/// </remarks>
public static class HopTracing
{
    /// <summary>The <see cref="ActivitySource"/> name of the hops' spans.</summary>
    public const string SourceName = "Streams";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of <paramref name="hop"/> handling a record, as a child of the record's trace.</summary>
    /// <param name="hop">The hop, e.g. <c>normaliser</c>; the span is named <c>{hop} process</c>.</param>
    /// <param name="headers">The consumed record's headers; without a valid <c>traceparent</c> the span starts a new trace.</param>
    /// <param name="kind">The span kind: <see cref="ActivityKind.Consumer"/> for a hop reading Kafka.</param>
    /// <returns>The span, to dispose when the record is handled; null when nobody records spans.</returns>
    public static Activity? StartHop(string hop, Headers? headers, ActivityKind kind = ActivityKind.Consumer) =>
        Source.HasListeners() ? Start(hop, headers.GetText(StreamsHeaders.TraceParent), kind) : null;

    /// <summary>Starts the server span of <paramref name="hop"/> answering a request, as a child of the caller's trace.</summary>
    /// <param name="hop">The hop, e.g. <c>ingest</c>; the span is named <c>{hop} process</c> like every hop's.</param>
    /// <param name="traceParent">The request's <c>traceparent</c> header; when missing or malformed the span starts a new trace.</param>
    /// <returns>The span, to dispose when the request is answered; null when nobody records spans.</returns>
    public static Activity? StartRequest(string hop, string? traceParent) =>
        Source.HasListeners() ? Start(hop, traceParent, ActivityKind.Server) : null;

    /// <summary>Writes <paramref name="activity"/>'s context as the <c>traceparent</c> of a record about to be produced.</summary>
    /// <param name="headers">The outgoing record's headers.</param>
    /// <param name="activity">The hop's span; when null the headers keep the <c>traceparent</c> they carry.</param>
    public static void Inject(Headers headers, Activity? activity)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (activity is { IdFormat: ActivityIdFormat.W3C, Id: { } id })
        {
            headers.SetText(StreamsHeaders.TraceParent, id);
        }
    }

    private static Activity? Start(string hop, string? traceParent, ActivityKind kind)
    {
        var parent = ActivityContext.TryParse(traceParent, traceState: null, isRemote: true, out var context)
            ? context
            : default;
        // The span belongs to one record, not to the thread that opens it: the ambient span is put back, so spans
        // opened one after another on a poll thread are siblings under their own traces, never nested.
        var ambient = Activity.Current;
        var activity = Source.StartActivity($"{hop} process", kind, parent);
        Activity.Current = ambient;
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("streams.hop", hop);
        return activity;
    }
}

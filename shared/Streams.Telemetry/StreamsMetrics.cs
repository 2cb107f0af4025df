using System.Diagnostics.Metrics;

namespace Streams.Telemetry;

/// <summary>
/// The pipeline's instruments on the one <see cref="MeterName"/> meter, behind typed methods so that hops
/// never build tag arrays and every series is named and labelled the same way everywhere.
/// </summary>
/// <remarks>
/// Every method is safe to call concurrently and allocation-free for string labels, so it can run per event.
/// To add a metric: create its instrument in the constructor and add one method that records it.
/// </remarks>
public sealed partial class StreamsMetrics
{
    /// <summary>The name of the meter that holds every Streams instrument.</summary>
    public const string MeterName = "Streams";

    private const string Hop = "hop";
    private const string Subscription = "subscription";

    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    private readonly Histogram<double> _lagIn;
    private readonly Histogram<double> _lagOut;
    private readonly Histogram<double> _processDuration;
    private readonly Histogram<double> _endToEndLag;
    private readonly Counter<long> _eventsIn;
    private readonly Counter<long> _eventsOut;
    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _deliveryAttempts;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _ingestRequests;
    private readonly Counter<long> _invalidEvents;
    private readonly Gauge<long> _consumerLag;
    private readonly Gauge<long> _producerQueueDepth;

    /// <summary>Initializes a new instance of the <see cref="StreamsMetrics"/> class.</summary>
    /// <param name="meterFactory">Creates (and later disposes) the <see cref="MeterName"/> meter.</param>
    public StreamsMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);

        _lagIn = LatencyHistogram(meter, "streams_lag_in_seconds", "Time from an event's production until the hop consumed it");
        _lagOut = LatencyHistogram(meter, "streams_lag_out_seconds", "Time from an event's production until the hop produced its output");
        _processDuration = LatencyHistogram(meter, "streams_process_duration_seconds", "Time the hop spent processing one event");
        _endToEndLag = LatencyHistogram(meter, "streams_e2e_lag_seconds", "Time from ingest until the subscriber acknowledged the event");

        _eventsIn = meter.CreateCounter<long>("streams_events_in_total", "{event}", "Events consumed by the hop");
        _eventsOut = meter.CreateCounter<long>("streams_events_out_total", "{event}", "Events produced by the hop");
        _deliveries = meter.CreateCounter<long>("streams_deliveries_total", "{delivery}", "Deliveries finished, by final outcome");
        _deliveryAttempts = meter.CreateCounter<long>("streams_delivery_attempts_total", "{attempt}", "HTTP delivery attempts, by response status class");
        _retries = meter.CreateCounter<long>("streams_retries_total", "{retry}", "Delivery retries, local (in place) or global (via the retry topic)");
        _deadLetters = meter.CreateCounter<long>("streams_dead_letters_total", "{event}", "Events sent to the dead-letter topic");
        _ingestRequests = meter.CreateCounter<long>("streams_ingest_requests_total", "{request}", "Ingest HTTP requests, by response status code");
        _invalidEvents = meter.CreateCounter<long>("streams_invalid_events_total", "{event}", "Events the hop rejected as invalid");

        _consumerLag = meter.CreateGauge<long>("streams_consumer_lag", "{message}", "Messages between the consumer group's committed offset and the partition's end");
        _producerQueueDepth = meter.CreateGauge<long>("streams_producer_queue_depth", "{message}", "Messages waiting in the producer's local queue");
    }

    /// <summary>Records how long after production an event reached <paramref name="hop"/>.</summary>
    /// <param name="hop">The hop that consumed the event.</param>
    /// <param name="lag">Consume time minus the event's production timestamp.</param>
    public void RecordLagIn(string hop, TimeSpan lag) => _lagIn.Record(lag.TotalSeconds, Tag(Hop, hop));

    /// <summary>Records how long after production an event left <paramref name="hop"/>.</summary>
    /// <param name="hop">The hop that produced the output.</param>
    /// <param name="lag">Produce time minus the event's production timestamp.</param>
    public void RecordLagOut(string hop, TimeSpan lag) => _lagOut.Record(lag.TotalSeconds, Tag(Hop, hop));

    /// <summary>Records the time <paramref name="hop"/> spent on one event.</summary>
    /// <param name="hop">The processing hop.</param>
    /// <param name="duration">Processing time of the event.</param>
    public void RecordProcessDuration(string hop, TimeSpan duration) =>
        _processDuration.Record(duration.TotalSeconds, Tag(Hop, hop));

    /// <summary>Records the end-to-end lag of an event delivered to <paramref name="subscription"/>.</summary>
    /// <param name="subscription">The subscription the event was delivered to.</param>
    /// <param name="lag">Acknowledgement time minus ingest time.</param>
    public void RecordEndToEndLag(string subscription, TimeSpan lag) =>
        _endToEndLag.Record(lag.TotalSeconds, Tag(Subscription, subscription));

    /// <summary>Counts events consumed by <paramref name="hop"/>.</summary>
    /// <param name="hop">The consuming hop.</param>
    /// <param name="count">How many events; batch consumers count a whole batch at once.</param>
    public void CountEventsIn(string hop, long count = 1) => _eventsIn.Add(count, Tag(Hop, hop));

    /// <summary>Counts events produced by <paramref name="hop"/>.</summary>
    /// <param name="hop">The producing hop.</param>
    /// <param name="count">How many events.</param>
    public void CountEventsOut(string hop, long count = 1) => _eventsOut.Add(count, Tag(Hop, hop));

    /// <summary>Counts a delivery that has reached its final <paramref name="outcome"/>.</summary>
    /// <param name="subscription">The subscription delivered to.</param>
    /// <param name="outcome">The final outcome, e.g. <c>delivered</c> or <c>dead_lettered</c>.</param>
    public void CountDelivery(string subscription, string outcome) =>
        _deliveries.Add(1, Tag(Subscription, subscription), Tag("outcome", outcome));

    /// <summary>Counts one HTTP delivery attempt.</summary>
    /// <param name="subscription">The subscription delivered to.</param>
    /// <param name="statusCode">
    /// The response status; labelled by class (<c>2xx</c> .. <c>5xx</c>), <c>none</c> when no response came
    /// (timeout, connection failure) and <c>other</c> outside 100-599.
    /// </param>
    public void CountDeliveryAttempt(string subscription, int? statusCode) =>
        _deliveryAttempts.Add(1, Tag(Subscription, subscription), Tag("status_class", StatusClass(statusCode)));

    /// <summary>Counts one retry of a delivery.</summary>
    /// <param name="subscription">The subscription being retried.</param>
    /// <param name="kind">Whether the retry is local or global.</param>
    public void CountRetry(string subscription, RetryKind kind) =>
        _retries.Add(1, Tag(Subscription, subscription), Tag("kind", kind == RetryKind.Local ? "local" : "global"));

    /// <summary>Counts an event sent to the dead-letter topic.</summary>
    /// <param name="subscription">The subscription that gave up on the event.</param>
    /// <param name="reason">Why, e.g. <c>retries_exhausted</c> or <c>rejected</c>.</param>
    public void CountDeadLetter(string subscription, string reason) =>
        _deadLetters.Add(1, Tag(Subscription, subscription), Tag("reason", reason));

    /// <summary>Counts one ingest HTTP request.</summary>
    /// <param name="statusCode">The HTTP status code answered, used as the <c>status</c> label.</param>
    public void CountIngestRequest(int statusCode) => _ingestRequests.Add(1, new KeyValuePair<string, object?>("status", statusCode));

    /// <summary>Counts an event that <paramref name="hop"/> rejected as invalid.</summary>
    /// <param name="hop">The rejecting hop.</param>
    /// <param name="reason">Why, e.g. <c>schema</c> or <c>too_large</c>.</param>
    public void CountInvalidEvent(string hop, string reason) =>
        _invalidEvents.Add(1, Tag(Hop, hop), Tag("reason", reason));

    /// <summary>Sets the consumer group's lag on one partition.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition number.</param>
    /// <param name="group">The consumer group.</param>
    /// <param name="lag">Messages between the committed offset and the high watermark.</param>
    public void SetConsumerLag(string topic, int partition, string group, long lag) =>
        _consumerLag.Record(lag, Tag("topic", topic), new KeyValuePair<string, object?>("partition", partition), Tag("group", group));

    /// <summary>Sets the number of messages queued in a producer client.</summary>
    /// <param name="client">The producer's client id.</param>
    /// <param name="depth">Messages waiting to be sent.</param>
    public void SetProducerQueueDepth(string client, long depth) => _producerQueueDepth.Record(depth, Tag("client", client));

    private static Histogram<double> LatencyHistogram(Meter meter, string name, string description) =>
        meter.CreateHistogram(name, "s", description, tags: null, advice: LatencyBuckets.Advice);

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);

    private static string StatusClass(int? statusCode) => statusCode switch
    {
        null => "none",
        >= 100 and < 600 => StatusClasses[(statusCode.Value / 100) - 1],
        _ => "other",
    };
}

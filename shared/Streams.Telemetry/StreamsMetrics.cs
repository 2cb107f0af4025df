using System.Globalization;
using Prometheus;

namespace Streams.Telemetry;

/// <summary>
/// The pipeline's Prometheus metrics, behind typed methods so that hops never spell a metric or label name and every
/// series is named and labelled the same way everywhere.
/// </summary>
/// <remarks>
/// <para>
/// The metrics live in the <see cref="CollectorRegistry"/> handed to the constructor rather than in prometheus-net's
/// static default registry, so that several hosts in one process (as in the tests) each expose only their own series.
/// </para>
/// <para>
/// Every method is safe to call concurrently and, for string labels, allocation-free once its series exists (label
/// values go to prometheus-net as a stack-held span), so it can run per event. Label names are listed alphabetically,
/// the order the exposition has always had, and label values are passed in that same order.
/// </para>
/// <para>
/// To add a metric: create it in the constructor (or on first use, as the partial files for single roles do) and add
/// one method that records it.
/// </para>
/// </remarks>
public sealed partial class StreamsMetrics
{
    private const string Hop = "hop";
    private const string Subscription = "subscription";
    private const string Outcome = "outcome";
    private const string Reason = "reason";
    private const string Status = "status";
    private const string Partition = "partition";

    private static readonly string[] StatusClasses = ["1xx", "2xx", "3xx", "4xx", "5xx"];

    private readonly MetricFactory _factory;
    private readonly Histogram _lagIn;
    private readonly Histogram _lagOut;
    private readonly Histogram _processDuration;
    private readonly Histogram _endToEndLag;
    private readonly Counter _eventsIn;
    private readonly Counter _eventsOut;
    private readonly Counter _deliveries;
    private readonly Counter _deliveryAttempts;
    private readonly Counter _retries;
    private readonly Counter _deadLetters;
    private readonly Counter _ingestRequests;
    private readonly Counter _invalidEvents;
    private readonly Gauge _consumerLag;
    private readonly Gauge _producerQueueDepth;

    /// <summary>Initializes a new instance of the <see cref="StreamsMetrics"/> class.</summary>
    /// <param name="registry">The registry the metrics are created in, and that <c>/metrics</c> serves.</param>
    public StreamsMetrics(CollectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _factory = Metrics.WithCustomRegistry(registry);

        // prometheus-net writes exemplars only in the OpenMetrics format, which /metrics does not serve
        // (see MapPrometheusMetrics), so sampling trace ids into them would be per-event work nobody sees.
        _factory.ExemplarBehavior = ExemplarBehavior.NoExemplars();

        _lagIn = LatencyHistogram("streams_lag_in_seconds", "Time from an event's production until the hop consumed it", Hop);
        _lagOut = LatencyHistogram("streams_lag_out_seconds", "Time from an event's production until the hop produced its output", Hop);
        _processDuration = LatencyHistogram("streams_process_duration_seconds", "Time the hop spent processing one event", Hop);
        _endToEndLag = LatencyHistogram("streams_e2e_lag_seconds", "Time from ingest until the subscriber acknowledged the event", Subscription);

        _eventsIn = _factory.CreateCounter("streams_events_in_total", "Events consumed by the hop", [Hop]);
        _eventsOut = _factory.CreateCounter("streams_events_out_total", "Events produced by the hop", [Hop]);
        _deliveries = _factory.CreateCounter("streams_deliveries_total", "Deliveries finished, by final outcome", [Outcome, Subscription]);
        _deliveryAttempts = _factory.CreateCounter("streams_delivery_attempts_total", "HTTP delivery attempts, by response status class", ["status_class", Subscription]);
        _retries = _factory.CreateCounter("streams_retries_total", "Delivery retries, local (in place) or global (via the retry topic)", ["kind", Subscription]);
        _deadLetters = _factory.CreateCounter("streams_dead_letters_total", "Events sent to the dead-letter topic", [Reason, Subscription]);
        _ingestRequests = _factory.CreateCounter("streams_ingest_requests_total", "Ingest HTTP requests, by response status code", [Status]);
        _invalidEvents = _factory.CreateCounter("streams_invalid_events_total", "Events the hop rejected as invalid", [Hop, Reason]);

        _consumerLag = _factory.CreateGauge("streams_consumer_lag", "Messages between the consumer group's committed offset and the partition's end", ["group", Partition, "topic"]);
        _producerQueueDepth = _factory.CreateGauge("streams_producer_queue_depth", "Messages waiting in the producer's local queue", ["client"]);
    }

    /// <summary>Records how long after production an event reached <paramref name="hop"/>.</summary>
    /// <param name="hop">The hop that consumed the event.</param>
    /// <param name="lag">Consume time minus the event's production timestamp.</param>
    public void RecordLagIn(string hop, TimeSpan lag) => _lagIn.WithLabels([hop]).Observe(lag.TotalSeconds);

    /// <summary>Records how long after production an event left <paramref name="hop"/>.</summary>
    /// <param name="hop">The hop that produced the output.</param>
    /// <param name="lag">Produce time minus the event's production timestamp.</param>
    public void RecordLagOut(string hop, TimeSpan lag) => _lagOut.WithLabels([hop]).Observe(lag.TotalSeconds);

    /// <summary>Records the time <paramref name="hop"/> spent on one event.</summary>
    /// <param name="hop">The processing hop.</param>
    /// <param name="duration">Processing time of the event.</param>
    public void RecordProcessDuration(string hop, TimeSpan duration) =>
        _processDuration.WithLabels([hop]).Observe(duration.TotalSeconds);

    /// <summary>Records the end-to-end lag of an event delivered to <paramref name="subscription"/>.</summary>
    /// <param name="subscription">The subscription the event was delivered to.</param>
    /// <param name="lag">Acknowledgement time minus ingest time.</param>
    public void RecordEndToEndLag(string subscription, TimeSpan lag) =>
        _endToEndLag.WithLabels([subscription]).Observe(lag.TotalSeconds);

    /// <summary>Counts events consumed by <paramref name="hop"/>.</summary>
    /// <param name="hop">The consuming hop.</param>
    /// <param name="count">How many events; batch consumers count a whole batch at once.</param>
    public void CountEventsIn(string hop, long count = 1) => _eventsIn.WithLabels([hop]).Inc(count);

    /// <summary>Counts events produced by <paramref name="hop"/>.</summary>
    /// <param name="hop">The producing hop.</param>
    /// <param name="count">How many events.</param>
    public void CountEventsOut(string hop, long count = 1) => _eventsOut.WithLabels([hop]).Inc(count);

    /// <summary>Counts a delivery that has reached its final <paramref name="outcome"/>.</summary>
    /// <param name="subscription">The subscription delivered to.</param>
    /// <param name="outcome">The final outcome, e.g. <c>delivered</c> or <c>dead_lettered</c>.</param>
    public void CountDelivery(string subscription, string outcome) => CountDeliveries(subscription, outcome, 1);

    /// <summary>Counts one HTTP delivery attempt.</summary>
    /// <param name="subscription">The subscription delivered to.</param>
    /// <param name="statusCode">
    /// The response status; labelled by class (<c>2xx</c> .. <c>5xx</c>), <c>none</c> when no response came
    /// (timeout, connection failure) and <c>other</c> outside 100-599.
    /// </param>
    public void CountDeliveryAttempt(string subscription, int? statusCode) =>
        _deliveryAttempts.WithLabels([StatusClass(statusCode), subscription]).Inc();

    /// <summary>Counts one retry of a delivery.</summary>
    /// <param name="subscription">The subscription being retried.</param>
    /// <param name="kind">Whether the retry is local or global.</param>
    public void CountRetry(string subscription, RetryKind kind) =>
        _retries.WithLabels([kind == RetryKind.Local ? "local" : "global", subscription]).Inc();

    /// <summary>Counts an event sent to the dead-letter topic.</summary>
    /// <param name="subscription">The subscription that gave up on the event.</param>
    /// <param name="reason">Why, e.g. <c>retries_exhausted</c> or <c>rejected</c>.</param>
    public void CountDeadLetter(string subscription, string reason) => CountDeadLetters(subscription, reason, 1);

    /// <summary>Counts one ingest HTTP request.</summary>
    /// <param name="statusCode">The HTTP status code answered, used as the <c>status</c> label.</param>
    public void CountIngestRequest(int statusCode) => _ingestRequests.WithLabels([Label(statusCode)]).Inc();

    /// <summary>Counts an event that <paramref name="hop"/> rejected as invalid.</summary>
    /// <param name="hop">The rejecting hop.</param>
    /// <param name="reason">Why, e.g. <c>schema</c> or <c>too_large</c>.</param>
    public void CountInvalidEvent(string hop, string reason) => _invalidEvents.WithLabels([hop, reason]).Inc();

    /// <summary>Sets the consumer group's lag on one partition.</summary>
    /// <param name="topic">The topic.</param>
    /// <param name="partition">The partition number.</param>
    /// <param name="group">The consumer group.</param>
    /// <param name="lag">Messages between the committed offset and the high watermark.</param>
    public void SetConsumerLag(string topic, int partition, string group, long lag) =>
        _consumerLag.WithLabels([group, Label(partition), topic]).Set(lag);

    /// <summary>Sets the number of messages queued in a producer client.</summary>
    /// <param name="client">The producer's client id.</param>
    /// <param name="depth">Messages waiting to be sent.</param>
    public void SetProducerQueueDepth(string client, long depth) => _producerQueueDepth.WithLabels([client]).Set(depth);

    private static string Label(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string StatusClass(int? statusCode) => statusCode switch
    {
        null => "none",
        >= 100 and < 600 => StatusClasses[(statusCode.Value / 100) - 1],
        _ => "other",
    };

    private Histogram LatencyHistogram(string name, string help, string labelName) =>
        _factory.CreateHistogram(name, help, [labelName], new HistogramConfiguration { Buckets = [.. LatencyBuckets.Seconds] });

    // The metrics of the partial files are created on first use, so a host exposes only those of the roles it runs.
    // Racing first calls are harmless: the registry hands every caller the one metric registered under a name.
    private T OnFirstUse<T>(ref T? field, Func<MetricFactory, T> create)
        where T : class => field ??= create(_factory);
}

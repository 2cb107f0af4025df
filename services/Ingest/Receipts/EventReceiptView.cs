using Streams.Envelope;
using Streams.Kafka;
using Streams.Receipts;

namespace Streams.Ingest.Receipts;

/// <summary>
/// The answer of <c>GET /v1/events/{source}/{id}</c>; the browser's event search reads it, so names are a contract
/// (fields may be added, never renamed).
/// </summary>
/// <param name="Source">The event's <c>source</c>.</param>
/// <param name="Id">The event's <c>id</c>.</param>
/// <param name="Accepted">Ingest's receipt; null when not (yet) known.</param>
/// <param name="Normaliser">The normaliser's; null when not (yet) known.</param>
/// <param name="Subscriptions">Each subscription's latest, by name.</param>
/// <param name="CatchingUp">True while the index has not read all of this event's receipts partition: more may follow.</param>
public sealed record EventReceiptView(
    string Source, string Id, AcceptedView? Accepted, NormaliserView? Normaliser, IReadOnlyList<SubscriptionView> Subscriptions, bool CatchingUp)
{
    /// <summary>The view of what the index found; topic names are this process's settings.</summary>
    public static EventReceiptView From(string source, string id, ReceiptLookup lookup, TopicOptions topics)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(topics);
        var accepted = lookup.Accepted is { } a ? new AcceptedView(topics.Ingested, a.Partition, a.Offset, Time(a.TimeMs)) : null;
        var duplicateAt = lookup.Duplicate is { } d ? Time(d.TimeMs) : null;
        var normaliser = (lookup.Normaliser ?? lookup.Duplicate) is { } n
            ? new NormaliserView(ReceiptOutcomeNames.Of(n.Outcome), NormaliserTopic(n.Outcome, topics), n.Partition, n.Offset, Time(n.TimeMs), n.Reason, duplicateAt)
            : null;
        var subscriptions = lookup.Subscriptions
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new SubscriptionView(
                s.Key,
                ReceiptOutcomeNames.Of(s.Value.Outcome),
                s.Value.Status,
                s.Value.Attempts,
                s.Value.WebhookId,
                Time(s.Value.TimeMs),
                s.Value.Tier,
                s.Value.NextAttemptMs is { } next ? Time(next) : null,
                s.Value.Reason))
            .ToList();
        return new EventReceiptView(source, id, accepted, normaliser, subscriptions, lookup.Behind > 0);
    }

    private static string? NormaliserTopic(ReceiptOutcome outcome, TopicOptions topics) => outcome switch
    {
        ReceiptOutcome.Normalised => topics.Normalised,
        ReceiptOutcome.DeadLettered => topics.DeadLetters,
        _ => null,
    };

    private static string Time(long ms) => Rfc3339.Format(DateTimeOffset.FromUnixTimeMilliseconds(ms));
}

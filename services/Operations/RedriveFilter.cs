using Confluent.Kafka;
using Streams.Kafka;

namespace Streams.Operations;

/// <summary>Which dead letters a redrive sends back: one subscription's, optionally by reason and age.</summary>
/// <param name="Subscription">The subscription (exact name).</param>
/// <param name="Reason">Text the reason must contain (case-insensitive); null for any.</param>
/// <param name="Since">Only dead letters written at or after this time; null for any.</param>
public sealed record RedriveFilter(string Subscription, string? Reason, DateTimeOffset? Since)
{
    /// <summary>True when the dead letter is one to send back.</summary>
    public bool Matches(Headers? headers, Timestamp written) =>
        headers.GetText(StreamsHeaders.Subscription) == Subscription
        && (Reason is null || (headers.GetText(StreamsHeaders.Reason) ?? "").Contains(Reason, StringComparison.OrdinalIgnoreCase))
        && (Since is null || written.UnixTimestampMs >= Since.Value.ToUnixTimeMilliseconds());
}

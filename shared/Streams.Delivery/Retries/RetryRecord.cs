using System.Globalization;
using Confluent.Kafka;
using Streams.Kafka;

namespace Streams.Delivery.Retries;

/// <summary>
/// The record format of <c>streams.retry.&lt;tier&gt;</c> and <c>streams.dlq</c>: the original key, value and
/// headers (event time, ingest time, trace context), plus the failure headers of DESIGN §2 and, on retry
/// records, the batch's webhook id and size so a retrier can send the same batch under the same id.
/// Egress writes it; the retrier reads it with <see cref="TryReadFailure"/> and writes the next tier with <see cref="ForRetry"/>.
/// </summary>
public static class RetryRecord
{
    /// <summary>The <c>webhook-id</c> of the batch the event was last sent in.</summary>
    public const string WebhookIdHeader = "st-webhook-id";

    /// <summary>How many events that batch held.</summary>
    public const string WebhookCountHeader = "st-webhook-count";

    /// <summary>The record to produce to a retry tier: due at <paramref name="notBefore"/>.</summary>
    public static Message<byte[]?, byte[]> ForRetry(ConsumeResult<byte[]?, byte[]> record, DeliveryFailure failure, WebhookBatch batch, DateTimeOffset notBefore)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var message = ForDeadLetter(record, failure);
        message.Headers.SetMilliseconds(StreamsHeaders.NotBefore, notBefore.ToUnixTimeMilliseconds());
        message.Headers.SetText(WebhookIdHeader, batch.Id);
        message.Headers.SetText(WebhookCountHeader, batch.Count.ToString(CultureInfo.InvariantCulture));
        return message;
    }

    /// <summary>The record to produce to the dead-letter topic.</summary>
    public static Message<byte[]?, byte[]> ForDeadLetter(ConsumeResult<byte[]?, byte[]> record, DeliveryFailure failure)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(failure);
        var headers = record.Message.Headers.Copy();
        // A dead letter is never due again; ForRetry sets its own due time.
        headers.Remove(StreamsHeaders.NotBefore);
        headers.SetText(StreamsHeaders.Subscription, failure.Subscription);
        headers.SetText(StreamsHeaders.Attempt, failure.Attempts.ToString(CultureInfo.InvariantCulture));
        headers.SetText(StreamsHeaders.LastStatus, failure.LastStatus.ToString(CultureInfo.InvariantCulture));
        headers.SetText(StreamsHeaders.Reason, failure.Reason);
        // A record that failed before (in an earlier tier) keeps the time of its first failure.
        if (!headers.TryGetMilliseconds(StreamsHeaders.FirstFailure, out _))
        {
            headers.SetMilliseconds(StreamsHeaders.FirstFailure, failure.FirstFailure.ToUnixTimeMilliseconds());
        }

        return new Message<byte[]?, byte[]> { Key = record.Message.Key, Value = record.Message.Value, Headers = headers };
    }

    /// <summary>The failure a retry or dead-letter record carries; null when it carries none.</summary>
    public static DeliveryFailure? TryReadFailure(Headers? headers)
    {
        var subscription = headers.GetText(StreamsHeaders.Subscription);
        if (subscription is null
            || !int.TryParse(headers.GetText(StreamsHeaders.Attempt), NumberStyles.None, CultureInfo.InvariantCulture, out var attempts)
            || !int.TryParse(headers.GetText(StreamsHeaders.LastStatus), NumberStyles.None, CultureInfo.InvariantCulture, out var status)
            || !headers.TryGetMilliseconds(StreamsHeaders.FirstFailure, out var firstFailure))
        {
            return null;
        }

        return new DeliveryFailure(subscription, attempts, status, headers.GetText(StreamsHeaders.Reason) ?? "", DateTimeOffset.FromUnixTimeMilliseconds(firstFailure));
    }

    /// <summary>When a retry record is due; null when it does not say.</summary>
    public static DateTimeOffset? NotBefore(Headers? headers) =>
        headers.TryGetMilliseconds(StreamsHeaders.NotBefore, out var due) ? DateTimeOffset.FromUnixTimeMilliseconds(due) : null;

    /// <summary>The webhook id a retry record's batch was sent under; null when it has none.</summary>
    public static string? WebhookId(Headers? headers) => headers.GetText(WebhookIdHeader);

    /// <summary>The size of the batch a retry record was sent in; 0 when unknown.</summary>
    public static int WebhookCount(Headers? headers) =>
        int.TryParse(headers.GetText(WebhookCountHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 0;
}

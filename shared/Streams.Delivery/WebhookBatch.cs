using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using Streams.Envelope;
using Streams.Delivery.Retries;

namespace Streams.Delivery;

/// <summary>One webhook request's content: its Standard Webhooks id, its body and how many events it carries.</summary>
/// <param name="Id">The <c>webhook-id</c>, the same on every attempt of this batch.</param>
/// <param name="Body">The CloudEvents batch (JSON array).</param>
/// <param name="Count">Events in the body.</param>
public sealed record WebhookBatch(string Id, byte[] Body, int Count)
{
    /// <summary>
    /// The batch of <paramref name="records"/> for <paramref name="subscription"/>. When the records are one
    /// whole batch handed on to a retry tier (each carries the same <see cref="RetryRecord.WebhookIdHeader"/>
    /// and there are as many as its <see cref="RetryRecord.WebhookCountHeader"/> says), that id is kept, so a
    /// receiver sees the same id on every retry of the same events; otherwise a new id is derived.
    /// </summary>
    public static WebhookBatch Create(string subscription, IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, IReadOnlyList<CloudEventEnvelope> events)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfZero(records.Count);
        ArgumentOutOfRangeException.ThrowIfNotEqual(events.Count, records.Count);
        var body = EventBatchBody.Build(events);
        return new WebhookBatch(CarriedId(records) ?? DerivedId(subscription, records, body), body, records.Count);
    }

    private static string? CarriedId(IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records)
    {
        var id = RetryRecord.WebhookId(records[0].Message.Headers);
        return id is not null
            && RetryRecord.WebhookCount(records[0].Message.Headers) == records.Count
            && records.All(r => RetryRecord.WebhookId(r.Message.Headers) == id)
            ? id
            : null;
    }

    /// <summary>
    /// Derived from the subscription, the records' coordinates and the body, never from the attempt.
    /// The body is in it because offsets alone repeat when a cluster is recreated (the local one lives in memory).
    /// </summary>
    private static string DerivedId(string subscription, IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records, byte[] body)
    {
        var first = records[0];
        var last = records[^1];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{subscription}|{first.Topic}|{first.Partition.Value}|{first.Offset.Value}|{last.Offset.Value}|")));
        hash.AppendData(body);
        return "msg_" + Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }
}

using System.Text;
using Confluent.Kafka;
using Streams.Delivery.Retries;
using Streams.Envelope;
using Streams.Kafka;

namespace Streams.Delivery.Tests;

public sealed class RetryRecordTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ForRetry_FailedBatch_KeepsTheEventAndAddsTheDesignHeaders()
    {
        // Arrange
        var record = Record(offset: 42, id: "a");
        var batch = Webhook("orders", [record]);
        var failure = new DeliveryFailure("orders", 4, 503, "HTTP 503", Now);

        // Act
        var message = RetryRecord.ForRetry(record, failure, batch, Now.AddSeconds(30));

        // Assert
        Assert.Equal(record.Message.Key, message.Key);
        Assert.Equal(record.Message.Value, message.Value);
        Assert.True(message.Headers.TryGetMilliseconds(StreamsHeaders.EventTime, out var eventTime));
        Assert.Equal(1_000, eventTime);
        Assert.Equal(failure, RetryRecord.TryReadFailure(message.Headers));
        Assert.Equal(Now.AddSeconds(30), RetryRecord.NotBefore(message.Headers));
        Assert.Equal(batch.Id, RetryRecord.WebhookId(message.Headers));
        Assert.Equal(1, RetryRecord.WebhookCount(message.Headers));
    }

    [Fact]
    public void ForDeadLetter_RecordThatFailedBefore_KeepsItsFirstFailure()
    {
        // Arrange
        var earlier = new DeliveryFailure("orders", 4, 503, "HTTP 503", Now.AddHours(-1));
        var retried = Consumed(RetryRecord.ForRetry(Record(1, "a"), earlier, Webhook("orders", [Record(1, "a")]), Now), 0);

        // Act
        var message = RetryRecord.ForDeadLetter(retried, new DeliveryFailure("orders", 5, 410, "HTTP 410 is not retryable", Now));

        // Assert
        var failure = RetryRecord.TryReadFailure(message.Headers);
        Assert.NotNull(failure);
        Assert.Equal(Now.AddHours(-1), failure.FirstFailure);
        Assert.Equal(5, failure.Attempts);
        Assert.Equal(410, failure.LastStatus);
        Assert.Null(RetryRecord.NotBefore(message.Headers));
    }

    [Fact]
    public void TryReadFailure_OrdinaryRecord_IsNull()
    {
        // Act / Assert
        Assert.Null(RetryRecord.TryReadFailure(Record(1, "a").Message.Headers));
    }

    [Fact]
    public void Create_SameRecordsTwice_GivesTheSameId()
    {
        // Arrange
        ConsumeResult<byte[]?, byte[]>[] records = [Record(1, "a"), Record(2, "b")];

        // Act
        var first = Webhook("orders", records);
        var second = Webhook("orders", records);

        // Assert
        Assert.Equal(first.Id, second.Id);
        Assert.StartsWith("msg_", first.Id, StringComparison.Ordinal);
        Assert.NotEqual(first.Id, Webhook("billing", records).Id);
    }

    [Fact]
    public void Create_WholeBatchFromARetryTier_KeepsTheIdItWasSentUnder()
    {
        // Arrange
        ConsumeResult<byte[]?, byte[]>[] original = [Record(1, "a"), Record(2, "b")];
        var batch = Webhook("orders", original);
        var failure = new DeliveryFailure("orders", 4, 500, "HTTP 500", Now);
        var retried = original.Select((r, i) => Consumed(RetryRecord.ForRetry(r, failure, batch, Now), 70 + i)).ToList();

        // Act
        var again = Webhook("orders", retried);
        var part = Webhook("orders", retried[..1]);

        // Assert
        Assert.Equal(batch.Id, again.Id);
        Assert.Equal(batch.Body, again.Body);
        Assert.NotEqual(batch.Id, part.Id);
    }

    /// <summary>The webhook batch of the records, with the events their values name (decoding is not under test here).</summary>
    private static WebhookBatch Webhook(string subscription, IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records) =>
        WebhookBatch.Create(subscription, records, [.. records.Select(r => new CloudEventEnvelope { Id = Encoding.UTF8.GetString(r.Message.Value), Source = "/s", Type = "t" })]);

    private static ConsumeResult<byte[]?, byte[]> Record(long offset, string id)
    {
        var headers = new Headers();
        headers.SetMilliseconds(StreamsHeaders.EventTime, 1_000);
        return Consumed(
            new Message<byte[]?, byte[]>
            {
                Key = Encoding.UTF8.GetBytes("key"),
                Value = Encoding.UTF8.GetBytes(id),
                Headers = headers,
            },
            offset);
    }

    private static ConsumeResult<byte[]?, byte[]> Consumed(Message<byte[]?, byte[]> message, long offset) => new()
    {
        Topic = "streams.normalised",
        Partition = new Partition(0),
        Offset = new Offset(offset),
        Message = message,
    };
}

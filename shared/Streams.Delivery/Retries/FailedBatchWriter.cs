using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.Delivery.Retries;

/// <summary>
/// Hands the events of a batch that was not delivered to a retry tier or the dead-letter topic, and returns
/// only once Kafka has acknowledged every one of them: only then may their offsets be committed.
/// </summary>
public sealed class FailedBatchWriter(
    KafkaProducerHandle producer,
    IOptions<KafkaOptions> kafka,
    StreamsMetrics metrics,
    ILogger<FailedBatchWriter> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly TopicOptions _topics = kafka.Value.Topics;

    /// <summary>
    /// Produces the records to <paramref name="tier"/>'s topic, due at <paramref name="notBefore"/>, and waits for their acknowledgement,
    /// producing again while Kafka fails, until <paramref name="abort"/>.
    /// </summary>
    public async Task ToRetryTierAsync(
        IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records,
        WebhookBatch batch,
        DeliveryFailure failure,
        RetryTier tier,
        DateTimeOffset notBefore,
        CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(tier);
        var topic = _topics.RetryTier(tier.Name);
        await ProduceDurablyAsync(topic, [.. records.Select(r => RetryRecord.ForRetry(r, failure, batch, notBefore))], abort);
        metrics.CountRetry(failure.Subscription, RetryKind.Global);
        logger.LogInformation(
            "Handed {Count} events for {Subscription} to {Topic}, due {NotBefore:O}, after {Attempts} attempts: {Reason}",
            records.Count, failure.Subscription, topic, notBefore, failure.Attempts, failure.Reason);
    }

    /// <summary>
    /// Produces the records to the dead-letter topic and waits for their acknowledgement, producing again
    /// while Kafka fails, until <paramref name="abort"/>. <paramref name="reasonLabel"/> is the metric's low-cardinality reason.
    /// </summary>
    public async Task ToDeadLettersAsync(
        IReadOnlyList<ConsumeResult<byte[]?, byte[]>> records,
        DeliveryFailure failure,
        string reasonLabel,
        CancellationToken abort)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(failure);
        await ProduceDurablyAsync(_topics.DeadLetters, [.. records.Select(r => RetryRecord.ForDeadLetter(r, failure))], abort);
        metrics.CountDeadLetters(failure.Subscription, reasonLabel, records.Count);
        logger.LogWarning(
            "Dead-lettered {Count} events for {Subscription} after {Attempts} attempts: {Reason}",
            records.Count, failure.Subscription, failure.Attempts, failure.Reason);
    }

    private async Task ProduceDurablyAsync(string topic, IReadOnlyList<Message<byte[]?, byte[]>> messages, CancellationToken abort)
    {
        for (var failures = 1; ; failures++)
        {
            var delivery = new DeliveryBatch();
            try
            {
                foreach (var message in messages)
                {
                    delivery.ProduceWaiting(producer.Producer, topic, message, abort);
                }
            }
            finally
            {
                delivery.Seal();
            }

            try
            {
                await delivery.Completion.WaitAsync(abort);
                return;
            }
            catch (KafkaException exception)
            {
                // Not acknowledged, so not done: the offsets stay uncommitted while we try again.
                var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 10))));
                logger.LogError(exception, "Producing {Count} records to {Topic} failed; trying again in {Backoff}", messages.Count, topic, backoff);
                await Task.Delay(backoff, abort);
            }
        }
    }
}

using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streams.Kafka;

/// <summary>
/// The one consume loop of the pipeline: consume a batch, hand it to the hop, and commit its offsets
/// only after the hop says its outcome is durable. At-least-once: a crash between the two re-delivers
/// the batch, never skips it.
/// </summary>
public sealed class ManualCommitConsumerLoop(
    KafkaClientFactory clients,
    ConsumerLoopSettings settings,
    IRecordBatchHandler handler,
    ILogger<ManualCommitConsumerLoop> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Runs the loop on its own thread until cancelled, then leaves the group cleanly.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.Factory.StartNew(
            () => Run(cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

    private void Run(CancellationToken cancellationToken)
    {
        var batch = new List<ConsumeResult<byte[]?, byte[]>>(settings.MaxBatchSize);
        using var consumer = clients.CreateConsumer(
            settings.GroupId,
            // Records of partitions we no longer own are dropped unprocessed: the new owner starts
            // from the last commit and handles them, so nothing is lost and nothing is committed twice.
            (_, revoked) =>
            {
                batch.RemoveAll(record => revoked.Any(tp => tp.TopicPartition == record.TopicPartition));
                (handler as IPartitionsRevokedListener)?.OnPartitionsRevoked([.. revoked.Select(tp => tp.TopicPartition)]);
            });
        consumer.Subscribe(settings.Topics);
        logger.LogInformation("Consumer group {Group} subscribed to {Topics}", settings.GroupId, settings.Topics);
        var failures = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!TryFill(consumer, batch, cancellationToken) || batch.Count == 0)
                {
                    continue;
                }

                try
                {
                    handler.HandleAsync(batch, cancellationToken).GetAwaiter().GetResult();
                    ConsumedBatch.Commit(consumer, batch, logger);
                    failures = 0;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception exception) when (exception is not KafkaException { Error.IsFatal: true })
                {
                    failures++;
                    var backoff = Backoff(failures);
                    logger.LogError(exception, "Handling {Count} records failed; consuming them again in {Backoff}", batch.Count, backoff);
                    ConsumedBatch.Rewind(consumer, batch);
                    cancellationToken.WaitHandle.WaitOne(backoff);
                }

                batch.Clear();
            }
        }
        finally
        {
            // Leave the group so the partitions move to another member at once, not after a session timeout.
            consumer.Close();
            logger.LogInformation("Consumer group {Group} left", settings.GroupId);
        }
    }

    private bool TryFill(IConsumer<byte[]?, byte[]> consumer, List<ConsumeResult<byte[]?, byte[]>> batch, CancellationToken cancellationToken)
    {
        try
        {
            var first = consumer.Consume(PollInterval);
            if (first is null)
            {
                return true;
            }

            batch.Add(first);
            var deadline = DateTime.UtcNow + settings.MaxBatchWait;
            while (batch.Count < settings.MaxBatchSize && !cancellationToken.IsCancellationRequested)
            {
                var remaining = deadline - DateTime.UtcNow;
                var next = consumer.Consume(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
                if (next is null)
                {
                    break;
                }

                batch.Add(next);
            }

            return true;
        }
        catch (ConsumeException exception) when (!exception.Error.IsFatal)
        {
            logger.LogWarning(exception, "Consume failed ({Code}); going on", exception.Error.Code);
            cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            return false;
        }
    }

    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 10))));
}

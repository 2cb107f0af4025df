using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Envelope;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.Retrier;

/// <summary>
/// Consumes the retry tiers. A partition whose head is not due is paused until it is, then resumed from that record;
/// due records are delivered (partitions in parallel, each in order), settled, and only then committed. Stateless:
/// pauses are rebuilt from the records themselves, so any number of replicas (or none) can run.
/// </summary>
public sealed class RetrierWorker(
    KafkaClientFactory clients,
    RetryDeliverer deliverer,
    IOptions<RetrierOptions> options,
    StreamsMetrics metrics,
    EnvelopeSerializerProvider envelopes,
    TimeProvider clock,
    ILogger<RetrierWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan SettleRetryDelay = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Retry records are decoded to be delivered: nothing is read before the registry has answered.
        await envelopes.GetAsync(stoppingToken);
        await Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Run(CancellationToken stopping)
    {
        var due = new DueRecords();
        var batch = new List<ConsumeResult<byte[]?, byte[]>>();
        using var consumer = clients.CreateConsumer(options.Value.GroupId, (_, revoked) =>
        {
            // Unprocessed records of partitions we lose are simply not committed: the new owner reads them again.
            var lost = revoked.Select(p => p.TopicPartition).ToHashSet();
            due.Forget(lost);
            batch.RemoveAll(r => lost.Contains(r.TopicPartition));
        });
        consumer.Subscribe(deliverer.Topics);
        logger.LogInformation("Retrier consuming {Topics}", deliverer.Topics);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                ResumeDue(consumer, due);
                Fill(consumer, due, batch, stopping);
                if (batch.Count > 0)
                {
                    Settle(consumer, batch, stopping);
                    batch.Clear();
                }
            }
        }
        finally
        {
            consumer.Close();
            logger.LogInformation("Retrier left its group");
        }
    }

    private void ResumeDue(IConsumer<byte[]?, byte[]> consumer, DueRecords due)
    {
        foreach (var (partition, offset) in due.TakeDue(clock.GetUtcNow()))
        {
            consumer.Resume([partition]);
            consumer.Seek(new TopicPartitionOffset(partition, offset));
        }
    }

    private void Fill(IConsumer<byte[]?, byte[]> consumer, DueRecords due, List<ConsumeResult<byte[]?, byte[]>> batch, CancellationToken stopping)
    {
        var untilNext = due.UntilNext(clock.GetUtcNow());
        var wait = untilNext is { } next && next < MaxPoll ? (next > TimeSpan.Zero ? next : TimeSpan.Zero) : MaxPoll;
        try
        {
            var record = consumer.Consume(wait);
            while (record is not null)
            {
                switch (due.Admit(record, clock.GetUtcNow()))
                {
                    case Admission.Deliver:
                        batch.Add(record);
                        break;
                    case Admission.Pause:
                        consumer.Pause([record.TopicPartition]);
                        break;
                }

                if (batch.Count >= options.Value.MaxBatchRecords || stopping.IsCancellationRequested)
                {
                    return;
                }

                record = consumer.Consume(TimeSpan.Zero);
            }
        }
        catch (ConsumeException exception) when (!exception.Error.IsFatal)
        {
            logger.LogWarning(exception, "Consume failed ({Code}); going on", exception.Error.Code);
        }
    }

    private void Settle(IConsumer<byte[]?, byte[]> consumer, List<ConsumeResult<byte[]?, byte[]>> batch, CancellationToken stopping)
    {
        metrics.CountEventsIn(RetryDeliverer.Hop, batch.Count);
        var partitions = RetryBatches.Group(batch).GroupBy(group => group[0].TopicPartition);
        try
        {
            // Partitions in parallel, each partition's groups in order; the abort token is never cancelled here:
            // shutdown lets in-flight work finish (or hand on) so it can be committed.
            Task.WhenAll(partitions.Select(async partition =>
            {
                foreach (var group in partition)
                {
                    await deliverer.SettleAsync(group, stopping, CancellationToken.None);
                }
            })).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is OperationCanceledException or KafkaException or HttpRequestException or SchemaRegistryUnavailableException)
        {
            // Nothing of this batch is committed: rewind so it is read (and delivered) again, after a pause so that
            // an unreachable registry or cluster is not asked again in a tight loop.
            logger.LogError(exception, "Settling {Count} retry records failed; reading them again", batch.Count);
            ConsumedBatch.Rewind(consumer, batch);
            stopping.WaitHandle.WaitOne(SettleRetryDelay);
            return;
        }

        ConsumedBatch.Commit(consumer, batch, logger);
    }
}

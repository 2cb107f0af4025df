using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Audit;
using Streams.Auditor.Loss;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.Auditor;

/// <summary>
/// Reads every partition of the audit topic from the beginning into the <see cref="AuditLedger"/>. It never commits:
/// the ledger lives in memory, so a restarted auditor rebuilds it by reading the topic again (its retention bounds
/// how far back that goes). A record that is not an audit report is counted, logged and skipped.
/// </summary>
public sealed class AuditConsumer(
    KafkaClientFactory clients,
    AuditLedger ledger,
    IOptions<AuditorOptions> options,
    StreamsMetrics metrics,
    ILogger<AuditConsumer> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan WatermarkTimeout = TimeSpan.FromSeconds(5);
    private volatile bool _caughtUp;

    /// <summary>
    /// True once the consumer has read up to the end of every partition it started with, so the evaluator does not
    /// judge a minute from a half-replayed topic.
    /// </summary>
    public bool CaughtUp => _caughtUp;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stoppingToken)
    {
        // A group of its own: every auditor must see every partition, and no commits means every start replays.
        var group = $"{options.Value.GroupId}-{Guid.NewGuid().ToString("N")[..12]}";
        var topic = clients.Options.Topics.Audit;
        using var consumer = clients.CreateConsumer(group);
        consumer.Subscribe(topic);
        logger.LogInformation("Auditor reading {Topic} as group {Group}", topic, group);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeResult<byte[]?, byte[]>? record;
                try
                {
                    record = consumer.Consume(PollInterval);
                }
                catch (ConsumeException exception) when (!exception.Error.IsFatal)
                {
                    logger.LogWarning(exception, "Consuming {Topic} failed ({Code}); going on", topic, exception.Error.Code);
                    stoppingToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
                    continue;
                }

                if (record is null)
                {
                    _caughtUp = _caughtUp || IsCaughtUp(consumer);
                    continue;
                }

                Read(record);
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    private void Read(ConsumeResult<byte[]?, byte[]> record)
    {
        AuditReport report;
        try
        {
            report = AuditReportCodec.Decode(record.Message.Value);
        }
        catch (FormatException exception)
        {
            metrics.CountAuditReport("invalid");
            logger.LogWarning(
                "Skipped {Topic}/{Partition}@{Offset}: not an audit report ({Problem})",
                record.Topic, record.Partition.Value, record.Offset.Value, exception.Message);
            return;
        }

        metrics.CountAuditReport("ok");
        var late = ledger.Add(report);
        if (late > 0)
        {
            metrics.CountLateAuditEntries(late);
            logger.LogWarning(
                "{Late} audit entries from {Reporter} arrived for minutes already evaluated; GET /v1/loss includes them, the alert did not",
                late, report.Reporter);
        }
    }

    private bool IsCaughtUp(IConsumer<byte[]?, byte[]> consumer)
    {
        var assignment = consumer.Assignment;
        if (assignment.Count == 0)
        {
            return false;
        }

        try
        {
            return assignment.All(partition =>
            {
                var watermarks = consumer.QueryWatermarkOffsets(partition, WatermarkTimeout);
                var position = consumer.Position(partition);
                return watermarks.High.Value <= (position.IsSpecial ? watermarks.Low.Value : position.Value);
            });
        }
        catch (KafkaException exception)
        {
            logger.LogDebug(exception, "Watermarks unavailable; asking again on the next idle poll");
            return false;
        }
    }
}

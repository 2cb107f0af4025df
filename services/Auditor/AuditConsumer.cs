using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Audit;
using Streams.Auditor.Loss;
using Streams.Kafka;
using Streams.Kafka.Consuming;
using Streams.Kafka.Topics;
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
    TimeProvider clock,
    TopicReadiness topics,
    ILogger<AuditConsumer> logger) : BackgroundService, IRecordHandler
{
    private ConsumerEngine? _engine;

    /// <summary>
    /// True once the consumer has read up to the end of every partition it started with, so the evaluator does not
    /// judge a minute from a half-replayed topic.
    /// </summary>
    public bool CaughtUp => _engine?.CaughtUp ?? false;

    /// <inheritdoc />
    public Task HandleAsync(PartitionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var record in batch.Records)
        {
            Read(record.Result);
            record.Done.Complete();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await topics.WhenReadyAsync("auditor", stoppingToken);
        // A group of its own: every auditor must see every partition, and no commits means every start replays.
        var group = $"{options.Value.GroupId}-{Guid.NewGuid().ToString("N")[..12]}";
        logger.LogInformation("Auditor reading {Topic} as group {Group}", clients.Options.Topics.Audit, group);
        _engine = new ConsumerEngine(clients, new ConsumerEngineSettings(group, [clients.Options.Topics.Audit]) { Commits = false }, this, metrics, clock, logger);
        await _engine.RunAsync(stoppingToken);
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
}

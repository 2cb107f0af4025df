using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Kafka;
using Streams.Telemetry;

namespace Streams.Audit;

/// <summary>
/// Ships the <see cref="AuditRecorder"/>'s counts to the audit topic every <see cref="AuditOptions.FlushIntervalMs"/>,
/// and once more when the host stops.
/// </summary>
/// <remarks>
/// A flush that Kafka does not acknowledge puts its counts back into the recorder, so they go with the next flush:
/// an outage delays audit data but does not lose it. A crash loses what was counted since the last acknowledged flush,
/// at most one interval (plus the flush in flight). Register it before the hops, so that it stops after them and its
/// final flush carries their last counts.
/// </remarks>
public sealed class AuditFlushService(
    AuditRecorder recorder,
    KafkaProducerHandle producer,
    IOptions<KafkaOptions> kafka,
    IOptions<AuditOptions> options,
    StreamsMetrics metrics,
    TimeProvider clock,
    ILogger<AuditFlushService> logger) : BackgroundService
{
    // Keeps each record far below Kafka's default 1 MB message limit.
    private const int MaxEntriesPerReport = 2_000;
    private static readonly string Reporter = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    private readonly string _topic = kafka.Value.Topics.Audit;
    private readonly AuditOptions _options = options.Value;

    /// <summary>Sends what the recorder holds now; on failure keeps it for the next flush.</summary>
    /// <param name="cancellationToken">Stops waiting for the acknowledgement (the counts are then kept).</param>
    /// <returns>True when everything was acknowledged (or there was nothing to send).</returns>
    public async Task<bool> FlushAsync(CancellationToken cancellationToken)
    {
        var entries = recorder.TakeSnapshot();
        if (entries.Count == 0)
        {
            return true;
        }

        var flushedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var delivery = new DeliveryBatch();
        try
        {
            try
            {
                foreach (var chunk in entries.Chunk(MaxEntriesPerReport))
                {
                    var value = AuditReportCodec.Encode(new AuditReport(Reporter, flushedAt, chunk));
                    delivery.Produce(producer.Producer, _topic, new Message<byte[]?, byte[]> { Key = System.Text.Encoding.UTF8.GetBytes(Reporter), Value = value });
                }
            }
            finally
            {
                delivery.Seal();
            }

            await delivery.Completion.WaitAsync(TimeSpan.FromMilliseconds(_options.FlushTimeoutMs), cancellationToken);
            metrics.CountAuditFlush("ok");
            return true;
        }
        catch (Exception exception) when (exception is KafkaException or TimeoutException or OperationCanceledException)
        {
            // Part of the chunks may have been written; sending them again over-counts, which the Auditor shows as a
            // surplus, whereas dropping them would show as loss. Surplus is the honest side to err on.
            recorder.Restore(entries);
            metrics.CountAuditFlush("failed");
            logger.LogWarning("Audit flush of {Count} entries to {Topic} failed ({Error}); keeping them for the next flush", entries.Count, _topic, exception.Message);
            return false;
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Both series exist from the start, so an alert on failed flushes has something to compare against.
        metrics.CountAuditFlush("ok", 0);
        metrics.CountAuditFlush("failed", 0);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(_options.FlushIntervalMs), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync makes the final flush.
        }
    }
}

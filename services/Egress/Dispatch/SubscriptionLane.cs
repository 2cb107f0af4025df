using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Streams.Egress.Dispatch;

/// <summary>
/// One subscription's events from one partition, sent one batch at a time: events of a key live in one
/// partition, so they reach the receiver in order (DESIGN §2 "Ordering").
/// </summary>
internal sealed class SubscriptionLane
{
    private readonly Channel<OutgoingEvent> _queue = Channel.CreateUnbounded<OutgoingEvent>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private static readonly TimeSpan FailureBackoff = TimeSpan.FromSeconds(1);

    public SubscriptionLane(SubscriptionDispatcher dispatcher, TimeProvider clock, ILogger logger, CancellationToken stopping, CancellationToken abort) =>
        Completion = Task.Run(() => RunAsync(dispatcher, clock, logger, stopping, abort), CancellationToken.None);

    /// <summary>Completes when the lane has stopped taking batches and its last one is settled.</summary>
    public Task Completion { get; }

    /// <summary>Queues an event; called by the consuming thread only.</summary>
    public void Enqueue(OutgoingEvent outgoing) => _queue.Writer.TryWrite(outgoing);

    /// <summary>No more events follow.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private static async Task<bool> DeliverAsync(SubscriptionDispatcher dispatcher, List<OutgoingEvent> batch, ILogger logger, CancellationToken stopping, CancellationToken abort)
    {
        while (true)
        {
            try
            {
                return await dispatcher.DeliverAsync(batch, stopping, abort);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Never drop a batch on a surprise: its events stay unfinished (so uncommitted) until it is settled.
                logger.LogError(exception, "Settling {Count} events for {Subscription} failed; trying again", batch.Count, dispatcher.Endpoint.Name);
                if (stopping.WaitHandle.WaitOne(FailureBackoff))
                {
                    return false;
                }
            }
        }
    }

    private async Task RunAsync(SubscriptionDispatcher dispatcher, TimeProvider clock, ILogger logger, CancellationToken stopping, CancellationToken abort)
    {
        var options = dispatcher.Endpoint.Options;
        var linger = TimeSpan.FromMilliseconds(options.LingerMs);
        var batch = new List<OutgoingEvent>(options.BatchSize);
        while (await BatchReader.ReadBatchAsync(_queue.Reader, batch, options.BatchSize, linger, e => e.ConsumedAt, clock, stopping))
        {
            // Events of a partition this process no longer owns belong to its new owner now (or are read again).
            batch.RemoveAll(e => e.Offset.IsAbandoned);
            if (batch.Count > 0 && !await DeliverAsync(dispatcher, batch, logger, stopping, abort))
            {
                return;
            }

            batch.Clear();
        }
    }
}

using Microsoft.Extensions.Options;
using Streams.Kafka;
using Streams.Operations;

namespace Streams.Ui.DeadLetters;

/// <summary>
/// The dead-letter topic as the page sees it: the same summary and redrive as <c>./streams dlq list</c> and
/// <c>redrive</c>, one at a time (each reads whole topics with a consumer of its own). The summary is read at most once
/// a refresh interval, however many pages are open, and again right after a redrive.
/// </summary>
internal sealed class DeadLetterTopic(KafkaClientFactory clients, IOptions<UiOptions> options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<DeadLetterRow> Rows)? _summary;

    public Task<IReadOnlyList<DeadLetterRow>> SummaryAsync(CancellationToken cancellationToken) =>
        OneAtATimeAsync(
            () =>
            {
                var now = clock.GetUtcNow();
                if (_summary is not { } cached || now - cached.At >= TimeSpan.FromSeconds(options.Value.ScrapeIntervalSeconds))
                {
                    _summary = cached = (now, [.. DeadLetterSummary.Read(Snapshot(), clients.Options.Topics).Rows()
                        .Select(row => new DeadLetterRow(row.Key.Subscription, row.Key.Reason, row.Key.Status, row.Count, row.Redriven))]);
                }

                return cached.Rows;
            },
            cancellationToken);

    public Task<(long Redriven, long AlreadyRedriven)> RedriveAsync(RedriveFilter filter, CancellationToken cancellationToken) =>
        OneAtATimeAsync(
            () =>
            {
                _summary = null;
                return new RedriveCommand(clients, new Progress<SnapshotProgress>(), clock).Run(filter);
            },
            cancellationToken);

    /// <summary>Where a redrive sends dead letters: the first retry tier.</summary>
    public string RedriveTopic => clients.Options.Topics.RetryTier(clients.Options.Topics.RetryTiers[0]);

    public void Dispose() => _oneAtATime.Dispose();

    private TopicSnapshot Snapshot() => new(clients, new Progress<SnapshotProgress>());

    private async Task<T> OneAtATimeAsync<T>(Func<T> read, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The snapshot and the redrive block on Kafka; off the request thread.
            return await Task.Run(read, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }
}

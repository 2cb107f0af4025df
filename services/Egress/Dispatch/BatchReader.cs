using System.Threading.Channels;

namespace Streams.Egress.Dispatch;

/// <summary>Takes batches off a channel: up to a size, sent no later than the linger time after its oldest item arrived.</summary>
public static class BatchReader
{
    /// <summary>
    /// Waits for at least one item, then fills <paramref name="batch"/> up to <paramref name="maxSize"/> until
    /// <paramref name="linger"/> after the first item's <paramref name="arrivedAt"/> timestamp
    /// (<see cref="TimeProvider.GetTimestamp"/>). False when the channel is completed and empty, or when
    /// <paramref name="cancellationToken"/> fires: a partial batch is then left unsent.
    /// </summary>
    public static async Task<bool> ReadBatchAsync<T>(
        ChannelReader<T> reader,
        List<T> batch,
        int maxSize,
        TimeSpan linger,
        Func<T, long> arrivedAt,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(arrivedAt);
        ArgumentNullException.ThrowIfNull(clock);
        try
        {
            if (!await reader.WaitToReadAsync(cancellationToken) || !reader.TryRead(out var first))
            {
                return false;
            }

            batch.Add(first);
            var start = arrivedAt(first);
            while (batch.Count < maxSize)
            {
                if (reader.TryRead(out var item))
                {
                    batch.Add(item);
                    continue;
                }

                var remaining = linger - clock.GetElapsedTime(start);
                if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(reader, remaining, cancellationToken))
                {
                    break;
                }
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task<bool> WaitForMoreAsync<T>(ChannelReader<T> reader, TimeSpan remaining, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(remaining);
        try
        {
            return await reader.WaitToReadAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The linger time is up: send what there is.
            return false;
        }
    }
}

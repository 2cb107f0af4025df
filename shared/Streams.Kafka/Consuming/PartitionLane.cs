using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streams.Kafka.Consuming;

/// <summary>
/// One assigned partition in a <see cref="ConsumerEngine"/>: its offset tracker, the batch being filled, and the
/// batches run one after another (so a partition stays in order while partitions run in parallel).
/// </summary>
/// <remarks>
/// <para>
/// At most one batch of a partition runs at a time. While it runs, newly read records gather into the next batch
/// (sealed at the batch size): a lone record is handed out at once, and under load batches grow by themselves instead of
/// queueing many small ones that each pay the hop's round trip (its produce acknowledgement, say).
/// </para>
/// <para>
/// Everything but <see cref="RequestHold"/> and the batch runs belongs to the engine's thread; the batches gathered are
/// shared with the running chain under a lock. A generation number marks which batches are still wanted: a hold or a
/// revocation moves it on, and batches of an older generation are skipped, their records read again (or by the new owner).
/// </para>
/// </remarks>
internal sealed class PartitionLane
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private readonly Queue<PartitionBatch> _sealed = new();
    private readonly int _maxBatchSize;
    private readonly IRecordHandler _handler;
    private readonly ConcurrentQueue<HoldRequest> _holds;
    private readonly Action<KafkaException> _fatal;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly CancellationToken _stopping;
    private List<ConsumedRecord>? _open;
    private bool _running;
    private Task _tail = Task.CompletedTask;
    private volatile int _generation;
    private volatile int _abandoned = -1;
    private int _failures;

    public PartitionLane(
        TopicPartition partition,
        int maxBatchSize,
        IRecordHandler handler,
        ConcurrentQueue<HoldRequest> holds,
        Action<KafkaException> fatal,
        TimeProvider clock,
        ILogger logger,
        CancellationToken stopping)
    {
        Partition = partition;
        Tracker = new PartitionOffsetTracker(partition);
        _maxBatchSize = maxBatchSize;
        _handler = handler;
        _holds = holds;
        _fatal = fatal;
        _clock = clock;
        _logger = logger;
        _stopping = stopping;
    }

    public TopicPartition Partition { get; }

    public PartitionOffsetTracker Tracker { get; }

    /// <summary>Completes when the batch running has returned and nothing is left to hand out.</summary>
    public Task Tail => _tail;

    /// <summary>When a hold ends; null when not held.</summary>
    public DateTimeOffset? HeldUntil { get; private set; }

    /// <summary>True while fetching is stopped because too much is pending.</summary>
    public bool Throttled { get; set; }

    /// <summary>Tracks a consumed record and adds it to the batch being filled, sealing the batch when it is full.</summary>
    public ConsumedRecord Add(ConsumeResult<byte[]?, byte[]> result, Activity? span)
    {
        var record = new ConsumedRecord(result, Tracker.Track(result.Offset.Value, span: span), span);
        lock (_gate)
        {
            (_open ??= new List<ConsumedRecord>(Math.Min(_maxBatchSize, 64))).Add(record);
            if (_open.Count >= _maxBatchSize)
            {
                _sealed.Enqueue(new PartitionBatch(this, _generation, _open));
                _open = null;
            }
        }

        return record;
    }

    /// <summary>Hands what has gathered to the handler now, unless a batch is running (which takes it when it returns).</summary>
    public void Flush()
    {
        lock (_gate)
        {
            if (_running || (_sealed.Count == 0 && _open is not { Count: > 0 }))
            {
                return;
            }

            _running = true;
        }

        _tail = Task.Run(RunChainAsync, CancellationToken.None);
    }

    /// <summary>Called from a batch: stop at <paramref name="offset"/> and read from there again after <paramref name="until"/>.</summary>
    public void RequestHold(int generation, long offset, DateTimeOffset until)
    {
        // Later batches of this generation hold records past the offset: they are skipped from now on, not run.
        _abandoned = generation;
        _holds.Enqueue(new HoldRequest(this, generation, offset, until));
    }

    /// <summary>Applies a hold on the engine's thread; false when it is moot (a newer hold or a revocation came first).</summary>
    public bool Apply(HoldRequest hold)
    {
        if (hold.Generation != _generation)
        {
            return false;
        }

        Forget();
        Tracker.DropFrom(hold.Offset);
        HeldUntil = hold.Until;
        return true;
    }

    /// <summary>Ends a hold that is due; true when it did.</summary>
    public bool EndHoldIfDue(DateTimeOffset now)
    {
        if (HeldUntil is not { } until || until > now)
        {
            return false;
        }

        HeldUntil = null;
        return true;
    }

    /// <summary>The engine stops: batches not started yet are skipped; those running finish and may still complete records.</summary>
    public void StopHandingOut() => Forget();

    /// <summary>The partition is no longer owned: nothing more of it is run, and nothing of it counts any more.</summary>
    public void Close()
    {
        StopHandingOut();
        Tracker.AbandonAll();
    }

    /// <summary>Moves the generation on and drops what has gathered: none of it is to run.</summary>
    private void Forget()
    {
        lock (_gate)
        {
            _generation++;
            _open = null;
            _sealed.Clear();
        }
    }

    private async Task RunChainAsync()
    {
        while (TakeNext() is { } batch)
        {
            await RunAsync(batch);
        }
    }

    /// <summary>The next batch to run: a sealed one first, else what has gathered; null (and the lane idle) when nothing has.</summary>
    private PartitionBatch? TakeNext()
    {
        lock (_gate)
        {
            if (_sealed.TryDequeue(out var next))
            {
                return next;
            }

            if (_open is { Count: > 0 } records)
            {
                _open = null;
                return new PartitionBatch(this, _generation, records);
            }

            _running = false;
            return null;
        }
    }

    private async Task RunAsync(PartitionBatch batch)
    {
        if (batch.Generation != _generation || batch.Generation == _abandoned)
        {
            return;
        }

        try
        {
            await _handler.HandleAsync(batch, _stopping);
            _failures = 0;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: what is not done stays uncommitted and is read again by the next owner.
        }
        catch (KafkaException exception) when (exception.Error.IsFatal)
        {
            _fatal(exception);
        }
        catch (Exception exception)
        {
            // The batch is the handler's to route record by record; an exception means the unfinished rest is to be
            // read again, after a backoff so a cluster or registry that fails is not asked again in a tight loop.
            _failures++;
            var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(_failures, 10))));
            var first = batch.Records.FirstOrDefault(record => !record.Done.IsDone);
            _logger.LogError(
                exception, "Handling {Count} records of {Partition} failed; reading them again in {Backoff}", batch.Records.Count, Partition, backoff);
            if (first is not null)
            {
                RequestHold(batch.Generation, first.Offset, _clock.GetUtcNow() + backoff);
            }
        }
    }
}

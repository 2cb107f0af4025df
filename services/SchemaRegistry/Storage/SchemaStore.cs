using Confluent.Kafka;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streams.Kafka;
using Streams.Kafka.Topics;

namespace Streams.SchemaRegistry.Storage;

/// <summary>
/// Keeps <see cref="RegistryState"/> in step with the <c>_schemas</c> topic: at start it reads the topic from the
/// beginning to its end before any request is answered, then keeps tailing it (so writes by other replicas show up);
/// a write is produced with acks=all and answered only once this replica has read it back.
/// </summary>
internal sealed partial class SchemaStore : IHostedService, IDisposable
{
    /// <summary>The role name the registry's topic is registered under.</summary>
    public const string TopicsRole = "schema-registry";

    private static readonly TimeSpan PollTimeout = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);

    private readonly RegistryState _state = new();
    private readonly IConsumer<byte[]?, byte[]> _consumer;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly TopicPartition _partition;
    private readonly SchemaRegistryOptions _options;
    private readonly ILogger<SchemaStore> _logger;
    private readonly TopicReadiness _topics;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextOffset;
    private Task? _tail;

    public SchemaStore(KafkaClientFactory clients, KafkaProducerHandle producer, TopicReadiness topics, IOptions<SchemaRegistryOptions> options, ILogger<SchemaStore> logger)
    {
        _topics = topics;
        _options = options.Value;
        _logger = logger;
        _producer = producer.Producer;
        _partition = new TopicPartition(_options.Topic, new Partition(0));
        // No group membership and no commits: every replica reads the whole topic for itself.
        _consumer = clients.CreateConsumer($"streams-schema-registry-{Guid.NewGuid():N}");
    }

    /// <summary>Reads under the state's lock.</summary>
    public T Read<T>(Func<RegistryState, T> read)
    {
        lock (_state)
        {
            return read(_state);
        }
    }

    /// <summary>Waits until the topic has been read to the end it had at start.</summary>
    /// <exception cref="TimeoutException">Not within the init timeout.</exception>
    public async Task WhenReadyAsync(CancellationToken cancellationToken)
    {
        if (_topics.ProblemsOf(TopicsRole).FirstOrDefault(p => p.Topic is not null) is { } problem)
        {
            // No wait: a missing topic is not going to appear within a request's time.
            throw new TimeoutException($"The registry cannot read its topic: {problem.Message}.");
        }

        try
        {
            await _ready.Task.WaitAsync(TimeSpan.FromMilliseconds(_options.InitTimeoutMs), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The registry has not finished reading {_options.Topic} yet.");
        }
    }

    /// <summary>Waits until this replica has read everything written to the topic so far, by any replica.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        // librdkafka does not always honour the query's own timeout while brokers are down, so the wait is bounded here too.
        var end = await Task.Run(() => _consumer.QueryWatermarkOffsets(_partition, MetadataTimeout).High.Value, cancellationToken)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        await WaitForAsync(end, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Produces records (acks=all, in order) and waits until this replica has applied them. Whether the state took
    /// them — another replica may have won a race — the caller sees in the state afterwards.
    /// </summary>
    public async Task AppendAsync(IReadOnlyList<(byte[] Key, byte[]? Value)> records, CancellationToken cancellationToken)
    {
        var last = -1L;
        foreach (var (key, value) in records)
        {
            var result = await _producer.ProduceAsync(_partition, new Message<byte[]?, byte[]> { Key = key, Value = value! }, cancellationToken)
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            last = result.Offset.Value;
        }

        await WaitForAsync(last + 1, cancellationToken).ConfigureAwait(false);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _tail = Task.Factory.StartNew(TailOrReport, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_tail is not null)
        {
            await _tail.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _ready.TrySetCanceled(CancellationToken.None);
    }

    public void Dispose()
    {
        _consumer.Dispose();
        _stopping.Dispose();
    }

    private async Task WaitForAsync(long offset, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.WriteTimeoutMs);
        while (true)
        {
            Task advanced;
            lock (_state)
            {
                if (_nextOffset >= offset)
                {
                    return;
                }

                advanced = _advanced.Task;
            }

            try
            {
                await advanced.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"This replica did not read {_options.Topic} up to offset {offset} within {_options.WriteTimeoutMs} ms.");
            }
        }
    }

    private void TailOrReport()
    {
        try
        {
            Tail();
        }
        catch (Exception ex)
        {
            // A fatal client error: requests fail (50002) instead of waiting on a reader that is gone; the orchestrator's
            // health checks or an operator restart the process.
            LogTailFailed(ex);
            _ready.TrySetException(new TimeoutException($"The registry stopped reading {_options.Topic}: {ex.Message}", ex));
        }
    }

    private void Tail()
    {
        var token = _stopping.Token;
        // Until the topic exists there is nothing to read, and assigning it would only log errors ten times a second.
        try
        {
            _topics.WhenReadyAsync(TopicsRole, token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }

        _consumer.Assign(new TopicPartitionOffset(_partition, Offset.Beginning));
        var end = -1L;
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (end < 0)
                {
                    // The end as it was at start: requests wait until everything before it has been applied.
                    end = _consumer.QueryWatermarkOffsets(_partition, MetadataTimeout).High.Value;
                    LogReading(_options.Topic, end);
                }

                var result = _consumer.Consume(PollTimeout);
                if (result is not null)
                {
                    Apply(result);
                }

                if (!_ready.Task.IsCompleted && Volatile.Read(ref _nextOffset) >= end)
                {
                    LogReady(_options.Topic, end);
                    _ready.TrySetResult();
                }
            }
            catch (KafkaException ex) when (!ex.Error.IsFatal)
            {
                LogKafkaError(ex.Error.Code, ex.Error.Reason);
                token.WaitHandle.WaitOne(PollTimeout);
            }
        }

        _consumer.Close();
    }

    private void Apply(ConsumeResult<byte[]?, byte[]> result)
    {
        try
        {
            var record = SchemaLogFormat.Read(result.Message.Key, result.Message.Value);
            bool accepted;
            lock (_state)
            {
                accepted = record is not null && _state.Apply(record);
            }

            if (record is not null && !accepted)
            {
                LogConflict(result.Offset.Value, record.ToString());
            }
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Somebody else's record, or a damaged one: skipping it keeps the registry serving what it can read.
            LogUnreadable(result.Offset.Value, ex.Message);
        }

        TaskCompletionSource advanced;
        lock (_state)
        {
            _nextOffset = result.Offset.Value + 1;
            advanced = _advanced;
            _advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        advanced.TrySetResult();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading {Topic} up to offset {End} before answering requests")]
    private partial void LogReading(string topic, long end);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Topic} up to offset {End}; the registry is ready")]
    private partial void LogReady(string topic, long end);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Record at offset {Offset} contradicts the registry's state and is ignored: {Record}")]
    private partial void LogConflict(long offset, string record);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Record at offset {Offset} is not a registry record and is ignored: {Reason}")]
    private partial void LogUnreadable(long offset, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The registry stopped reading its topic")]
    private partial void LogTailFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the schemas topic failed ({Code}: {Reason}); trying again")]
    private partial void LogKafkaError(ErrorCode code, string reason);
}

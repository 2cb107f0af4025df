using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>
/// Awaits the delivery reports of one caller's records only, so concurrent callers share the
/// producer's broker round-trips instead of serialising on a global <c>Flush()</c>.
/// </summary>
public sealed class DeliveryBatch
{
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(20);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<DeliveryReport<byte[]?, byte[]>> _onReport;
    private int _outstanding = 1;
    private Error? _firstError;

    /// <summary>Starts an empty batch; add records with <see cref="Produce"/>, then <see cref="Seal"/> and await <see cref="Completion"/>.</summary>
    public DeliveryBatch() => _onReport = OnReport;

    /// <summary>Completes when every record produced through this batch is acknowledged; faults with the first failure.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Hands one record to the producer; throws <see cref="ProduceException{TKey,TValue}"/> when its queue is full.</summary>
    /// <param name="producer">The producer.</param>
    /// <param name="topic">The topic.</param>
    /// <param name="message">The record.</param>
    /// <param name="position">Filled with where the record was written once it is acknowledged; null when nobody asks.</param>
    public void Produce(IProducer<byte[]?, byte[]> producer, string topic, Message<byte[]?, byte[]> message, RecordPosition? position = null)
    {
        ArgumentNullException.ThrowIfNull(producer);
        Interlocked.Increment(ref _outstanding);
        try
        {
            // The shared handler unless a position is asked for: only then a closure per record.
            producer.Produce(topic, message, position is null ? _onReport : report =>
            {
                position.Set(report.TopicPartitionOffset);
                OnReport(report);
            });
        }
        catch
        {
            Interlocked.Decrement(ref _outstanding);
            throw;
        }
    }

    /// <summary>
    /// Hands one record to the producer, waiting while its queue is full: for hops that read from Kafka,
    /// where waiting is the right backpressure (the unread records stay safely in their topic).
    /// </summary>
    public void ProduceWaiting(
        IProducer<byte[]?, byte[]> producer, string topic, Message<byte[]?, byte[]> message, CancellationToken cancellationToken, RecordPosition? position = null)
    {
        ArgumentNullException.ThrowIfNull(producer);
        while (true)
        {
            try
            {
                Produce(producer, topic, message, position);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> exception) when (exception.Error.Code == ErrorCode.Local_QueueFull)
            {
                cancellationToken.ThrowIfCancellationRequested();
                producer.Poll(QueueFullWait);
            }
        }
    }

    /// <summary>Says no more records follow, so the batch can complete once the last report arrives.</summary>
    public void Seal() => Settle();

    private void OnReport(DeliveryReport<byte[]?, byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _firstError, report.Error, null);
        }

        Settle();
    }

    private void Settle()
    {
        if (Interlocked.Decrement(ref _outstanding) != 0)
        {
            return;
        }

        if (_firstError is { } error)
        {
            _completion.TrySetException(new KafkaException(error));
        }
        else
        {
            _completion.TrySetResult();
        }
    }
}

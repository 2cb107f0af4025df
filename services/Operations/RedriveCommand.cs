using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Streams.Kafka;

namespace Streams.Operations;

/// <summary>
/// <c>./streams dlq redrive</c>: sends matching dead letters back to the first retry tier, due now, with
/// their attempt count reset, for the retrier to deliver. Each dead letter is redriven once: its
/// coordinates go to the redrive ledger topic after the retry record is acknowledged, and a later
/// redrive skips what the ledger holds. A crash between the two can send one batch twice, never none.
/// </summary>
public sealed class RedriveCommand(KafkaClientFactory clients, IProgress<SnapshotProgress> progress, TimeProvider clock)
{
    /// <summary>Header naming the dead letter a redriven retry record came from.</summary>
    public const string RedrivenFromHeader = "st-redriven-from";

    /// <summary>Redrives and returns how many dead letters were sent back and how many were skipped as already redriven.</summary>
    public (long Redriven, long AlreadyRedriven) Run(RedriveFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var topics = clients.Options.Topics;
        var snapshot = new TopicSnapshot(clients, progress);
        var done = RedriveLedger.Read(snapshot, topics);

        var firstTier = topics.RetryTier(topics.RetryTiers[0]);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var producer = clients.CreateProducer("operator");
        var retries = new DeliveryBatch();
        var ledger = new List<Message<byte[]?, byte[]>>();
        long skipped = 0;
        snapshot.Read(topics.DeadLetters, record =>
        {
            if (!filter.Matches(record.Message.Headers, record.Message.Timestamp))
            {
                return;
            }

            if (done.Contains(record))
            {
                skipped++;
                return;
            }

            retries.ProduceWaiting(producer, firstTier, ForRetry(record, now), CancellationToken.None);
            ledger.Add(new Message<byte[]?, byte[]> { Key = Encoding.UTF8.GetBytes(RedriveLedger.CoordinatesOf(record)), Value = [] });
        });
        retries.Seal();
        retries.Completion.GetAwaiter().GetResult();

        var recorded = new DeliveryBatch();
        foreach (var entry in ledger)
        {
            recorded.ProduceWaiting(producer, topics.RedriveLedger, entry, CancellationToken.None);
        }

        recorded.Seal();
        recorded.Completion.GetAwaiter().GetResult();
        return (ledger.Count, skipped);
    }

    private static Message<byte[]?, byte[]> ForRetry(ConsumeResult<byte[]?, byte[]> deadLetter, long now)
    {
        var headers = deadLetter.Message.Headers.Copy();
        headers.SetMilliseconds(StreamsHeaders.NotBefore, now);
        // A fresh start: the receiver was fixed, so the retrier gets its full budget of attempts again.
        headers.SetText(StreamsHeaders.Attempt, "0");
        headers.SetMilliseconds(StreamsHeaders.FirstFailure, now);
        headers.SetText(StreamsHeaders.Reason, "redriven: " + (headers.GetText(StreamsHeaders.Reason) ?? ""));
        headers.SetText(RedrivenFromHeader, string.Create(CultureInfo.InvariantCulture, $"{deadLetter.Partition.Value}/{deadLetter.Offset.Value}"));
        return new Message<byte[]?, byte[]> { Key = deadLetter.Message.Key, Value = deadLetter.Message.Value, Headers = headers };
    }
}

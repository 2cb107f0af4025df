using System.Text;
using Streams.Kafka;

namespace Streams.Receipts.Tests;

public sealed class ReceiptBatchTests
{
    [Fact]
    public void Values_ReceiptsOfManyEvents_OneValuePerPartitionHoldingEachEventInItsOwnPartition()
    {
        // Arrange
        var batch = new ReceiptBatch(partitions: 4);
        var receipt = new Receipt(ReceiptOutcome.Delivered, 1) { Status = 200, Attempts = 1, WebhookId = "msg_1" };

        // Act
        for (var index = 0; index < 100; index++)
        {
            batch.Add(ReceiptStages.Subscription("shop"), "/s", $"e{index}", receipt);
        }

        var values = batch.Values().ToList();

        // Assert
        Assert.Equal(100, batch.Count);
        Assert.Equal(4, values.Count);
        var seen = 0;
        foreach (var (partition, value) in values)
        {
            Assert.True(ReceiptBatchCodec.TryRead(value.Span, (key, entry) =>
            {
                Assert.True(ReceiptKey.TryRead(key, out var stage, out var identity));
                Assert.Equal("subscription:shop", Encoding.UTF8.GetString(stage));
                Assert.Equal(partition, ReceiptPartitioner.For(identity, 4));
                Assert.True(ReceiptValueCodec.TryDecode(entry, out var read));
                Assert.Equal(receipt, read);
                seen++;
            }));
        }

        Assert.Equal(100, seen);
    }

    [Fact]
    public void Add_GivenIdentity_UsedForThePartitionAsIs()
    {
        // Arrange: ingest hands over the identity it stamped on the record.
        var batch = new ReceiptBatch(partitions: 6);
        var identity = EventIdentity.Of("/s", "1");

        // Act
        batch.Add(ReceiptStages.Accepted, "/s", "1", identity, new Receipt(ReceiptOutcome.Accepted, 1));

        // Assert
        Assert.Equal(ReceiptPartitioner.For(identity, 6), Assert.Single(batch.Values()).Partition);
    }

    [Fact]
    public void AddBatch_RecordValue_EveryReceiptInTheStore()
    {
        // Arrange
        var batch = new ReceiptBatch(partitions: 1);
        batch.Add(ReceiptStages.Accepted, "/s", "1", new Receipt(ReceiptOutcome.Accepted, 1) { Partition = 0, Offset = 3 });
        batch.Add(ReceiptStages.Accepted, "/s", "2", new Receipt(ReceiptOutcome.Accepted, 1) { Partition = 0, Offset = 4 });
        var store = new ReceiptStore(maxEvents: 10);

        // Act
        var added = store.AddBatch(Assert.Single(batch.Values()).Value.ToArray());

        // Assert
        Assert.True(added);
        Assert.Equal(4, store.Find(EventIdentity.Of("/s", "2"))!.Value.Accepted!.Value.Offset);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void TryRead_TruncatedOrForeignValue_False()
    {
        // Arrange
        var batch = new ReceiptBatch(partitions: 1);
        batch.Add(ReceiptStages.Accepted, "/s", "1", new Receipt(ReceiptOutcome.Accepted, 1));
        var value = Assert.Single(batch.Values()).Value.ToArray();

        // Act / Assert
        Assert.False(ReceiptBatchCodec.TryRead(value.AsSpan(0, value.Length - 1), (_, _) => { }));
        Assert.False(ReceiptBatchCodec.TryRead(ReceiptValueCodec.Encode(new Receipt(ReceiptOutcome.Accepted, 1)), (_, _) => { }));
        Assert.False(ReceiptBatchCodec.TryRead([], (_, _) => { }));
    }

    [Fact]
    public void Values_PartitionsUnknown_NothingToSendButCounted()
    {
        // Arrange
        var batch = new ReceiptBatch(partitions: 0);

        // Act
        batch.Add(ReceiptStages.Accepted, "/s", "1", new Receipt(ReceiptOutcome.Accepted, 1));

        // Assert
        Assert.Equal(1, batch.Count);
        Assert.Empty(batch.Values());
    }
}

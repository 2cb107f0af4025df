namespace Streams.Receipts.Tests;

public sealed class ReceiptPartitionerTests
{
    [Fact]
    public void For_EveryStageOfAnEvent_OnePartition()
    {
        // Arrange
        string[] stages = [ReceiptStages.Accepted, ReceiptStages.Normaliser, ReceiptStages.Subscription("a"), ReceiptStages.Subscription("b")];

        // Act
        var partitions = stages.Select(stage => ReceiptPartitioner.For(ReceiptKey.Identity(ReceiptKey.Encode(stage, "/shop/eu", "order-17")), 6)).Distinct().ToList();

        // Assert
        Assert.Single(partitions);
    }

    [Fact]
    public void For_ManyEvents_UseEveryPartitionEvenly()
    {
        // Arrange / Act
        var counts = new int[6];
        for (var index = 0; index < 6000; index++)
        {
            counts[ReceiptPartitioner.For(ReceiptKey.Identity(ReceiptKey.Encode(ReceiptStages.Accepted, "/s", $"e{index}")), counts.Length)]++;
        }

        // Assert
        Assert.All(counts, count => Assert.InRange(count, 800, 1200));
    }
}

using System.Threading.Channels;
using Streams.Egress.Dispatch;

namespace Streams.Egress.Tests;

public sealed class BatchReaderTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ReadBatchAsync_MoreThanTheBatchSizeWaiting_TakesExactlyTheBatchSizeInOrder()
    {
        // Arrange
        var channel = Channel.CreateUnbounded<long>();
        var now = TimeProvider.System.GetTimestamp();
        for (var i = 0; i < 25; i++)
        {
            channel.Writer.TryWrite(now);
        }

        var batch = new List<long>();

        // Act: a linger far longer than the test deadline, so only a full batch can end the wait.
        var read = await BatchReader.ReadBatchAsync(channel.Reader, batch, 10, TimeSpan.FromHours(1), t => t, TimeProvider.System, CancellationToken.None)
            .WaitAsync(Deadline);

        // Assert
        Assert.True(read);
        Assert.Equal(10, batch.Count);
        Assert.True(channel.Reader.TryPeek(out _));
    }

    [Fact]
    public async Task ReadBatchAsync_FewerThanTheBatchSize_SendsThemWhenTheLingerIsUp()
    {
        // Arrange
        var channel = Channel.CreateUnbounded<int>();
        channel.Writer.TryWrite(1);
        channel.Writer.TryWrite(2);
        var batch = new List<int>();
        var start = TimeProvider.System.GetTimestamp();

        // Act
        var read = await BatchReader.ReadBatchAsync(channel.Reader, batch, 100, TimeSpan.FromMilliseconds(50), _ => start, TimeProvider.System, CancellationToken.None)
            .WaitAsync(Deadline);

        // Assert
        Assert.True(read);
        Assert.Equal([1, 2], batch);
        Assert.True(TimeProvider.System.GetElapsedTime(start) >= TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public async Task ReadBatchAsync_OldestItemAlreadyPastItsLinger_SendsWithoutWaiting()
    {
        // Arrange: the item arrived long ago (it queued while the lane was busy), so its linger is spent.
        var channel = Channel.CreateUnbounded<long>();
        var longAgo = TimeProvider.System.GetTimestamp() - (TimeProvider.System.TimestampFrequency * 3600);
        channel.Writer.TryWrite(longAgo);
        var batch = new List<long>();

        // Act: an hour's linger would hang the test if it counted from now.
        var read = await BatchReader.ReadBatchAsync(channel.Reader, batch, 100, TimeSpan.FromMinutes(30), t => t, TimeProvider.System, CancellationToken.None)
            .WaitAsync(Deadline);

        // Assert
        Assert.True(read);
        Assert.Single(batch);
    }

    [Fact]
    public async Task ReadBatchAsync_ItemsArriveDuringTheLinger_JoinTheBatch()
    {
        // Arrange
        var channel = Channel.CreateUnbounded<int>();
        channel.Writer.TryWrite(1);
        var batch = new List<int>();
        var start = TimeProvider.System.GetTimestamp();

        // Act
        var reading = BatchReader.ReadBatchAsync(channel.Reader, batch, 3, TimeSpan.FromHours(1), _ => start, TimeProvider.System, CancellationToken.None);
        channel.Writer.TryWrite(2);
        channel.Writer.TryWrite(3);
        var read = await reading.WaitAsync(Deadline);

        // Assert
        Assert.True(read);
        Assert.Equal([1, 2, 3], batch);
    }

    [Fact]
    public async Task ReadBatchAsync_ChannelCompletedAndEmpty_ReturnsFalse()
    {
        // Arrange
        var channel = Channel.CreateUnbounded<int>();
        channel.Writer.Complete();

        // Act
        var read = await BatchReader.ReadBatchAsync(channel.Reader, [], 10, TimeSpan.FromSeconds(1), _ => 0L, TimeProvider.System, CancellationToken.None)
            .WaitAsync(Deadline);

        // Assert
        Assert.False(read);
    }

    [Fact]
    public async Task ReadBatchAsync_CancelledWhileLingering_ReturnsFalse()
    {
        // Arrange
        var channel = Channel.CreateUnbounded<int>();
        channel.Writer.TryWrite(1);
        using var stopping = new CancellationTokenSource();
        var start = TimeProvider.System.GetTimestamp();

        // Act
        var reading = BatchReader.ReadBatchAsync(channel.Reader, [], 10, TimeSpan.FromHours(1), _ => start, TimeProvider.System, stopping.Token);
        await stopping.CancelAsync();
        var read = await reading.WaitAsync(Deadline);

        // Assert
        Assert.False(read);
    }
}

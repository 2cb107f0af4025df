using Confluent.Kafka;

namespace Streams.Kafka.Tests;

public sealed class StreamsHeadersTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1_763_870_400_123L)]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    public void SetMilliseconds_ThenTryGet_RoundTrips(long milliseconds)
    {
        // Arrange
        var headers = new Headers();

        // Act
        headers.SetMilliseconds(StreamsHeaders.EventTime, milliseconds);
        var found = headers.TryGetMilliseconds(StreamsHeaders.EventTime, out var read);

        // Assert
        Assert.True(found);
        Assert.Equal(milliseconds, read);
    }

    [Fact]
    public void SetMilliseconds_Twice_KeepsOnlyTheLast()
    {
        // Arrange
        var headers = new Headers();

        // Act
        headers.SetMilliseconds(StreamsHeaders.IngestTime, 1);
        headers.SetMilliseconds(StreamsHeaders.IngestTime, 2);

        // Assert
        Assert.Single(headers, h => h.Key == StreamsHeaders.IngestTime);
        Assert.True(headers.TryGetMilliseconds(StreamsHeaders.IngestTime, out var value));
        Assert.Equal(2, value);
    }

    [Fact]
    public void TryGetMilliseconds_MalformedOrMissing_ReturnsFalse()
    {
        // Arrange
        var headers = new Headers { { StreamsHeaders.EventTime, [1, 2, 3] } };

        // Act / Assert
        Assert.False(headers.TryGetMilliseconds(StreamsHeaders.EventTime, out _));
        Assert.False(headers.TryGetMilliseconds(StreamsHeaders.IngestTime, out _));
        Assert.False(((Headers?)null).TryGetMilliseconds(StreamsHeaders.IngestTime, out _));
    }

    [Fact]
    public void Copy_ThenChangeCopy_LeavesOriginalUntouched()
    {
        // Arrange
        var original = new Headers();
        original.SetText(StreamsHeaders.TraceParent, "00-abc-def-01");

        // Act
        var copy = original.Copy();
        copy.SetText(StreamsHeaders.Reason, "HTTP 410");

        // Assert
        Assert.Equal("00-abc-def-01", copy.GetText(StreamsHeaders.TraceParent));
        Assert.Null(original.GetText(StreamsHeaders.Reason));
        Assert.Equal("HTTP 410", copy.GetText(StreamsHeaders.Reason));
    }
}

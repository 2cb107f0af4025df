using System.Text;
using Streams.Egress.Delivery;

namespace Streams.Egress.Tests;

public sealed class EventTypeReaderTests
{
    [Theory]
    [InlineData("""{"type":"a.b"}""", "a.b")]
    [InlineData("""{"data":{"type":"inner"},"id":"1","type":"outer"}""", "outer")]
    [InlineData("""{"id":"1"}""", null)]
    [InlineData("""{"type":7}""", null)]
    [InlineData("""[1,2]""", null)]
    [InlineData("""not json""", null)]
    [InlineData("""{"type":"trunc""", null)]
    public void TryRead_Event_FindsTopLevelTypeOnly(string json, string? expected)
    {
        // Act / Assert
        Assert.Equal(expected, EventTypeReader.TryRead(Encoding.UTF8.GetBytes(json)));
    }
}

using System.Text;
using System.Text.Json;
using Streams.Egress.Delivery;

namespace Streams.Egress.Tests;

public sealed class EventBatchBodyTests
{
    [Fact]
    public void Build_SeveralEvents_IsAJsonArrayOfThemInOrder()
    {
        // Arrange
        ReadOnlyMemory<byte>[] events = [Encoding.UTF8.GetBytes("""{"id":"a"}"""), Encoding.UTF8.GetBytes("""{"id":"b","data":[1,2]}""")];

        // Act
        var body = EventBatchBody.Build(events);

        // Assert
        var ids = JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString());
        Assert.Equal(["a", "b"], ids);
        Assert.Equal("""[{"id":"a"},{"id":"b","data":[1,2]}]""", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Build_NoEvents_IsAnEmptyArray()
    {
        // Act / Assert
        Assert.Equal("[]", Encoding.UTF8.GetString(EventBatchBody.Build([])));
    }
}

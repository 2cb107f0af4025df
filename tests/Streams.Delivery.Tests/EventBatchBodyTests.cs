using System.Text;
using System.Text.Json;
using Streams.Envelope;

namespace Streams.Delivery.Tests;

public sealed class EventBatchBodyTests
{
    [Fact]
    public void Build_SeveralEvents_IsAJsonArrayOfThemInOrder()
    {
        // Arrange
        CloudEventEnvelope[] events =
        [
            new() { Id = "a", Source = "/s", Type = "t" },
            new() { Id = "b", Source = "/s", Type = "t", DataContentType = "application/json", Data = Encoding.UTF8.GetBytes("[1,2]") },
        ];

        // Act
        var body = EventBatchBody.Build(events);

        // Assert
        var ids = JsonDocument.Parse(body).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString());
        Assert.Equal(["a", "b"], ids);
        Assert.Equal(
            """[{"specversion":"1.0","id":"a","source":"/s","type":"t"},{"specversion":"1.0","id":"b","source":"/s","type":"t","datacontenttype":"application/json","data":[1,2]}]""",
            Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void Build_TextBeyondAscii_EscapesOnlyWhatJsonRequires()
    {
        // Arrange
        CloudEventEnvelope[] events = [new() { Id = "é<>&", Source = "/s", Type = "t" }];

        // Act
        var body = Encoding.UTF8.GetString(EventBatchBody.Build(events));

        // Assert
        Assert.Contains("\"id\":\"é<>&\",", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoEvents_IsAnEmptyArray()
    {
        // Act / Assert
        Assert.Equal("[]", Encoding.UTF8.GetString(EventBatchBody.Build([])));
    }
}

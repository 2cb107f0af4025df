using System.Text;
using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Tests;

public class EventNormaliserTests
{
    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"id":"1","id":"2"}""")]
    [InlineData("")]
    public void Normalise_UndecodableRecord_InvalidAsUndecodable(string value)
    {
        // Act
        var result = Normalise.Json(value);

        // Assert
        Assert.Equal(NormalisationOutcome.Invalid, result.Outcome);
        Assert.Equal(EventNormaliser.Undecodable, result.Reason);
        Assert.StartsWith("undecodable: ", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_RecordAboveTheLimit_InvalidAsTooLarge()
    {
        // Arrange
        var normaliser = new EventNormaliser(new RuleSet([]), new PayloadSchemas(new Dictionary<string, NJsonSchema.JsonSchema>(), false), 100, 20);
        var value = Encoding.UTF8.GetBytes($$"""{"specversion":"1.0","id":"1","source":"/s","type":"t","data":"{{new string('x', 100)}}"}""");

        // Act
        var result = normaliser.Normalise(value, Normalise.NoHeaders);

        // Assert
        Assert.Equal(EventNormaliser.TooLarge, result.Reason);
        Assert.Contains("at most 100", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadIdentity_CanonicalEvent_ReadsSourceAndId()
    {
        // Arrange
        var value = Normalise.Json("""{"specversion":"1.0","id":"id-7","source":"/orders","type":"t","data":{"id":"inner","source":"inner"}}""").Value!;

        // Act
        var found = EventCodec.TryReadIdentity(value, out var source, out var id);

        // Assert
        Assert.True(found);
        Assert.Equal(("/orders", "id-7"), (source, id));
    }

    [Fact]
    public void TryReadIdentity_NotAnEvent_False()
    {
        // Act
        var found = EventCodec.TryReadIdentity("[1]"u8, out _, out _);

        // Assert
        Assert.False(found);
    }
}

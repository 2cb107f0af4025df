using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Tests;

public class EventNormaliserTests
{
    [Theory]
    [InlineData("")]
    [InlineData("7B7D")]
    [InlineData("0000000001")]
    [InlineData("00000000630000")]
    public void Normalise_UndecodableRecord_InvalidAsUndecodable(string hex)
    {
        // Act
        var result = Normalise.Value(Convert.FromHexString(hex));

        // Assert
        Assert.Equal(NormalisationOutcome.Invalid, result.Outcome);
        Assert.Equal(EventNormaliser.Undecodable, result.Reason);
        Assert.StartsWith("undecodable: envelope-", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_RecordAboveTheLimit_InvalidAsTooLarge()
    {
        // Arrange
        var value = Normalise.Envelope($$"""{"specversion":"1.0","id":"1","source":"/s","type":"t","data":"{{new string('x', 100)}}"}""");

        // Act
        var result = Normalise.Value(value, maxEventBytes: 100);

        // Assert
        Assert.Equal(EventNormaliser.TooLarge, result.Reason);
        Assert.Contains("at most 100", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_IngestedEnvelope_WritesTheCanonicalEnvelope()
    {
        // Arrange
        var value = Normalise.Envelope("""{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"2026-11-23T11:00:00.123+01:00","data":{"a":1}}""");

        // Act
        var text = Normalise.Value(value).Text();

        // Assert
        Assert.Equal("""{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"application/json","time":"2026-11-23T10:00:00.123Z","data":{"a":1}}""", text);
    }

    [Fact]
    public void TryReadIdentity_CanonicalEvent_ReadsSourceAndId()
    {
        // Arrange
        var value = Normalise.Json("""{"specversion":"1.0","id":"id-7","source":"/orders","type":"t","data":{"id":"inner","source":"inner"}}""").Value!;

        // Act
        var found = Normalise.Codec.TryReadIdentity(value, out var source, out var id);

        // Assert
        Assert.True(found);
        Assert.Equal(("/orders", "id-7"), (source, id));
    }

    [Fact]
    public void TryReadIdentity_NotAnEvent_False()
    {
        // Act
        var found = Normalise.Codec.TryReadIdentity("""{"id":"1","source":"/s"}"""u8.ToArray(), out _, out _);

        // Assert
        Assert.False(found);
    }
}

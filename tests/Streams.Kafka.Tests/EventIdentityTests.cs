using Confluent.Kafka;

namespace Streams.Kafka.Tests;

public class EventIdentityTests
{
    [Theory]
    // Expected values from Python: struct.unpack('<Q', hashlib.sha256(b'/tests/a\x1fe-1').digest()[:8]).
    [InlineData("/tests/a", "e-1", 0x17e84b30956708f2UL)]
    [InlineData("/ünï", "中", 0xfd2ce9beb9576a53UL)]
    public void Of_KnownEvent_MatchesSha256OfSourceUnitSeparatorId(string source, string id, ulong expected)
    {
        // Act
        var identity = EventIdentity.Of(source, id);

        // Assert
        Assert.Equal(expected, identity);
    }

    [Fact]
    public void Of_LongIdBeyondTheStackBuffer_HashesWithoutTruncating()
    {
        // Arrange
        var id = new string('x', 5000);

        // Act
        var one = EventIdentity.Of("/s", id);
        var other = EventIdentity.Of("/s", id + "y");

        // Assert
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void Of_SourceAndIdSwappedAcrossTheSeparator_Differ()
    {
        // Act
        var one = EventIdentity.Of("ab", "c");
        var other = EventIdentity.Of("a", "bc");

        // Assert
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void TryRead_AfterStamp_ReturnsTheIdentity()
    {
        // Arrange
        var headers = new Headers();
        EventIdentity.Stamp(headers, 0x0102030405060708UL);
        EventIdentity.Stamp(headers, 0xfedcba9876543210UL);

        // Act
        var found = EventIdentity.TryRead(headers, out var identity);

        // Assert
        Assert.True(found);
        Assert.Equal(0xfedcba9876543210UL, identity);
        Assert.Single(headers, header => header.Key == EventIdentity.Header);
    }

    [Fact]
    public void TryRead_MissingOrMalformedHeader_ReturnsFalse()
    {
        // Arrange
        var malformed = new Headers { { EventIdentity.Header, [1, 2, 3] } };

        // Act
        var fromNull = EventIdentity.TryRead(null, out _);
        var fromEmpty = EventIdentity.TryRead([], out _);
        var fromMalformed = EventIdentity.TryRead(malformed, out _);

        // Assert
        Assert.False(fromNull);
        Assert.False(fromEmpty);
        Assert.False(fromMalformed);
    }
}

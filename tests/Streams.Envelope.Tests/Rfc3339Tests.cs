namespace Streams.Envelope.Tests;

public sealed class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-11-23T10:00:00Z", "2026-11-23T10:00:00.0000000+00:00")]
    [InlineData("2026-11-23T10:00:00.123Z", "2026-11-23T10:00:00.1230000+00:00")]
    [InlineData("2026-11-23t10:00:00z", "2026-11-23T10:00:00.0000000+00:00")]
    [InlineData("2026-11-23T10:00:00.5z", "2026-11-23T10:00:00.5000000+00:00")]
    [InlineData("2026-11-23T10:00:00.123456789+05:30", "2026-11-23T04:30:00.1234567+00:00")]
    [InlineData("2026-11-23T10:00:00.123456789012Z", "2026-11-23T10:00:00.1234567+00:00")]
    [InlineData("1985-04-12T23:20:50.52-04:00", "1985-04-13T03:20:50.5200000+00:00")]
    [InlineData("2026-11-23T10:00:00-00:00", "2026-11-23T10:00:00.0000000+00:00")]
    [InlineData("2026-11-23T10:00:00+23:59", "2026-11-22T10:01:00.0000000+00:00")]
    [InlineData("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.9999999+00:00")]
    [InlineData("1990-12-31T15:59:60-08:00", "1990-12-31T23:59:59.9999999+00:00")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.0000000+00:00")]
    public void TryParse_Rfc3339_GivesTheInstant(string text, string expectedUtc)
    {
        // Act
        var parsed = Rfc3339.TryParse(text, out var time);

        // Assert
        Assert.True(parsed);
        Assert.Equal(expectedUtc, time.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-11-23")]
    [InlineData("2026-11-23 10:00:00Z")]
    [InlineData("2026-11-23T10:00:00")]
    [InlineData("2026-11-23T10:00:00.123")]
    [InlineData("2026-11-23T10:00:00.Z")]
    [InlineData("2026-11-23T10:00Z")]
    [InlineData("2026-11-23T10:00:00+0100")]
    [InlineData("2026-11-23T10:00:00+01")]
    [InlineData("2026-11-23T10:00:00+24:00")]
    [InlineData("2026-11-23T10:00:00 Z")]
    [InlineData("2026-11-23T10:00:00Zjunk")]
    [InlineData("2026-13-23T10:00:00Z")]
    [InlineData("2026-02-29T10:00:00Z")]
    [InlineData("2026-11-23T25:00:00Z")]
    [InlineData("2026-11-23T10:60:00Z")]
    [InlineData("2026-11-23T10:00:61Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("+2026-11-23T10:00:00Z")]
    [InlineData("２０２６-11-23T10:00:00Z")]
    [InlineData("23/11/2026 10:00")]
    [InlineData("1763900000")]
    public void TryParse_NotRfc3339_Fails(string text)
    {
        // Act / Assert
        Assert.False(Rfc3339.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_Offset_KeepsTheOffset()
    {
        // Act
        var parsed = Rfc3339.TryParse("2026-11-23T12:00:00+02:00", out var time);

        // Assert
        Assert.True(parsed);
        Assert.Equal(TimeSpan.FromHours(2), time.Offset);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero), time);
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z", "2026-11-23T10:00:00.000Z")]
    [InlineData("2026-11-23T10:00:00.5z", "2026-11-23T10:00:00.500Z")]
    [InlineData("2026-11-23T10:00:00.123456789012Z", "2026-11-23T10:00:00.123Z")]
    [InlineData("2026-11-23T00:30:00-01:00", "2026-11-23T01:30:00.000Z")]
    [InlineData("2016-12-31T23:59:60Z", "2016-12-31T23:59:59.999Z")]
    public void Format_ParsedVariants_GiveOneSpelling(string input, string expected)
    {
        // Arrange
        Assert.True(Rfc3339.TryParse(input, out var time));

        // Act
        var text = Rfc3339.Format(time);

        // Assert
        Assert.Equal(expected, text);
    }
}

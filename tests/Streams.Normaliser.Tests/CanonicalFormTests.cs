using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Tests;

public class CanonicalFormTests
{
    private const string Base = """ "specversion":"1.0","id":"1","source":"/s","type":"t" """;

    [Fact]
    public void Normalise_TimeWithOffsetAndMicroseconds_IsUtcMillisecondsWithZ()
    {
        // Arrange
        var json = "{" + Base + ""","time":"2026-11-23T12:00:00.1239+02:00"}""";

        // Act
        var text = Normalise.Json(json).Text();

        // Assert
        Assert.Equal("""{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"2026-11-23T10:00:00.123Z"}""", text);
    }

    [Theory]
    [InlineData("2026-11-23T10:00:00Z", "2026-11-23T10:00:00.000Z")]
    [InlineData("2026-11-23T10:00:00.5z", "2026-11-23T10:00:00.500Z")]
    [InlineData("2026-11-23T10:00:00.123456789012Z", "2026-11-23T10:00:00.123Z")]
    [InlineData("2026-11-23T00:30:00-01:00", "2026-11-23T01:30:00.000Z")]
    public void FormatTime_Rfc3339Variants_GiveOneSpelling(string input, string expected)
    {
        // Arrange
        Assert.True(CanonicalForm.TryParseTime(input, out var time));

        // Act
        var text = CanonicalForm.FormatTime(time);

        // Assert
        Assert.Equal(expected, text);
    }

    [Fact]
    public void Normalise_NoTime_TakesTheEventTimeHeader()
    {
        // Arrange
        var times = new RecordTimes(EventTimeMs: 1_795_000_000_123, IngestTimeMs: null);

        // Act
        var text = Normalise.Json("{" + Base + "}", times).Text();

        // Assert
        Assert.Contains("\"time\":\"2026-11-18T", text, StringComparison.Ordinal);
        Assert.EndsWith(".123Z\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_IngestTimeHeader_OverridesASenderValueAsAnExtension()
    {
        // Arrange
        var json = "{" + Base + ""","streamsingesttime":"1999-01-01T00:00:00Z"}""";
        var times = new RecordTimes(null, IngestTimeMs: 0);

        // Act
        var text = Normalise.Json(json, times).Text();

        // Assert
        Assert.Equal("""{"specversion":"1.0","id":"1","source":"/s","type":"t","streamsingesttime":"1970-01-01T00:00:00.000Z"}""", text);
    }

    [Fact]
    public void Normalise_JsonDataWithoutContentType_DefaultsToApplicationJsonAndCompacts()
    {
        // Arrange
        var json = "{ \"data\" : { \"b\" : [ 1 , 2.50 , \"é<>&\" ] , \"a\" : null } ," + Base + "}";

        // Act
        var text = Normalise.Json(json).Text();

        // Assert
        Assert.Equal("""{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"application/json","data":{"b":[1,2.50,"é<>&"],"a":null}}""", text);
    }

    [Fact]
    public void Normalise_GivenContentTypeAndBase64Data_KeepsBoth()
    {
        // Arrange
        var json = "{" + Base + ""","datacontenttype":"application/octet-stream","data_base64":"AAEC"}""";

        // Act
        var text = Normalise.Json(json).Text();

        // Assert
        Assert.Equal("""{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"application/octet-stream","data_base64":"AAEC"}""", text);
    }

    [Fact]
    public void Normalise_ShuffledAttributes_StableOrderWithSortedExtensions()
    {
        // Arrange
        var json = """{"zeta":"z","data":1,"time":"2026-01-01T00:00:00Z","alpha":true,"subject":"s","type":"t","partitionkey":"k","id":"1","source":"/s","specversion":"1.0","dataschema":"urn:x","gone":null}""";

        // Act
        var text = Normalise.Json(json).Text();

        // Assert
        Assert.Equal(
            """{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"application/json","dataschema":"urn:x","subject":"s","time":"2026-01-01T00:00:00.000Z","alpha":true,"partitionkey":"k","zeta":"z","data":1}""",
            text);
    }

    [Theory]
    [InlineData(""","Bad":"x" """, "extension attribute name 'Bad'")]
    [InlineData(""","with_underscore":"x" """, "extension attribute name 'with_underscore'")]
    [InlineData(""","abcdefghijklmnopqrstu":"x" """, "1-20 characters")]
    [InlineData(""","ext":{"nested":1} """, "extension attribute 'ext' must be a string, number or boolean")]
    [InlineData(""","time":"yesterday" """, "time must be an RFC 3339 timestamp")]
    [InlineData(""","data":1,"data_base64":"AA==" """, "mutually exclusive")]
    [InlineData(""","data_base64":"not base64!" """, "data_base64 must be a base64 string")]
    [InlineData(""","subject":5 """, "subject must be a string")]
    public void Normalise_BreaksTheCanonicalRules_InvalidWithTheReason(string extra, string reason)
    {
        // Arrange
        var json = "{" + Base + extra + "}";

        // Act
        var result = Normalise.Json(json);

        // Assert
        Assert.Equal(NormalisationOutcome.Invalid, result.Outcome);
        Assert.Equal(EventNormaliser.Canonical, result.Reason);
        Assert.Contains(reason, result.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"specversion":"0.3","id":"1","source":"/s","type":"t"}""", "specversion")]
    [InlineData("""{"specversion":"1.0","id":"","source":"/s","type":"t"}""", "id must be")]
    [InlineData("""{"specversion":"1.0","id":"1","type":"t"}""", "source must be")]
    public void Normalise_MissingRequiredAttribute_InvalidNamingIt(string json, string reason)
    {
        // Act
        var result = Normalise.Json(json);

        // Assert
        Assert.Equal(NormalisationOutcome.Invalid, result.Outcome);
        Assert.Contains(reason, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_SameInputTwice_SameBytes()
    {
        // Arrange
        var json = """{"id":"1","source":"/s","type":"t","specversion":"1.0","x":1,"data":{"k":[1,{"z":"ü"}]}}""";
        var times = new RecordTimes(1_700_000_000_000, 1_700_000_000_999);

        // Act
        var first = Normalise.Json(json, times).Value;
        var second = Normalise.Json(json, times).Value;

        // Assert
        Assert.Equal(first, second);
    }

    [Fact]
    public void Normalise_DocumentedExample_GivesTheDocumentedBytes()
    {
        // Arrange: the example in docs/normaliser.md.
        var json = """
            { "type":"order.created", "id":"42", "specversion":"1.0", "source":"/shop",
              "time":"2026-11-23T10:00:00.1234567+01:00", "Tenant":null, "region":"eu",
              "data": { "orderId": "o-1", "amount": 12.50 } }
            """;
        var times = new RecordTimes(null, DateTimeOffset.Parse("2026-11-23T09:00:01.5Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());

        // Act
        var text = Normalise.Json(json, times).Text();

        // Assert
        Assert.Equal(
            """{"specversion":"1.0","id":"42","source":"/shop","type":"order.created","datacontenttype":"application/json","time":"2026-11-23T09:00:00.123Z","region":"eu","streamsingesttime":"2026-11-23T09:00:01.500Z","data":{"orderId":"o-1","amount":12.50}}""",
            text);
    }
}

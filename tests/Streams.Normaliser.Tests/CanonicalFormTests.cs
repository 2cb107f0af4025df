using Streams.Envelope;
using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Tests;

public class CanonicalFormTests
{
    private const string Base = """ "specversion":"1.0","id":"1","source":"/s","type":"t" """;

    private static CloudEventEnvelope Event() => new() { Id = "1", Source = "/s", Type = "t" };

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

    [Fact]
    public void Normalise_ExtensionNameTooLong_InvalidWithTheReason()
    {
        // Act: ingest accepts names up to 64 characters; the canonical form's limit is configured (20 here).
        var result = Normalise.Json("{" + Base + ""","abcdefghijklmnopqrstu":"x"}""");

        // Assert
        Assert.Equal(NormalisationOutcome.Invalid, result.Outcome);
        Assert.Equal(EventNormaliser.Canonical, result.Reason);
        Assert.Contains("1-20 characters", result.Detail, StringComparison.Ordinal);
    }

    /// <summary>Envelopes ingest would have refused, as another producer of <c>streams.ingested</c> may write them.</summary>
    public static TheoryData<CloudEventEnvelope, string> NotCanonical => new()
    {
        { Event() with { Extensions = new Dictionary<string, object> { ["Bad"] = "x" } }, "extension attribute name 'Bad'" },
        { Event() with { Extensions = new Dictionary<string, object> { ["with_underscore"] = "x" } }, "extension attribute name 'with_underscore'" },
        { Event() with { Extensions = new Dictionary<string, object> { ["wide"] = 2_147_483_648L } }, "extension attribute 'wide' must be a string, number or boolean" },
        { Event() with { SpecVersion = "0.3" }, "specversion" },
        { Event() with { Id = "" }, "id must be" },
        { Event() with { Source = "" }, "source must be" },
    };

    [Theory]
    [MemberData(nameof(NotCanonical))]
    public void Normalise_EnvelopeBreaksTheCanonicalRules_InvalidWithTheReason(CloudEventEnvelope envelope, string reason)
    {
        // Act
        var result = Normalise.Envelope(envelope);

        // Assert
        Assert.Equal(NormalisationOutcome.Invalid, result.Outcome);
        Assert.Equal(EventNormaliser.Canonical, result.Reason);
        Assert.Contains(reason, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_TimeRenamedToAnExtension_TravelsAsCanonicalText()
    {
        // Arrange
        var rules = new RuleSet([new NormaliserRuleOptions { RenameAttributes = new() { ["time"] = "when" } }]);

        // Act
        var text = Normalise.Json("{" + Base + ""","time":"2026-11-23T11:00:00.5+01:00"}""", rules: rules).Text();

        // Assert
        Assert.Equal("""{"specversion":"1.0","id":"1","source":"/s","type":"t","when":"2026-11-23T10:00:00.500Z"}""", text);
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

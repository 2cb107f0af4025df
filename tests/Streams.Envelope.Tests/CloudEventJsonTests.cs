using System.Text;
using System.Text.Json.Nodes;

namespace Streams.Envelope.Tests;

public class CloudEventJsonTests
{
    [Fact]
    public void FromJson_AllAttributes_MapsEachToItsField()
    {
        // Arrange
        var json = """
            {"specversion":"1.0","id":"e1","source":"/orders","type":"order.created","time":"2026-11-23T10:00:00.123+02:00",
             "subject":"42","datacontenttype":"application/json","dataschema":"https://schemas/o","partitionkey":"k","traced":true,"retries":3,
             "data":{"a":[1,2.5,"x"]}}
            """;

        // Act
        var envelope = CloudEventJson.FromJson(Encoding.UTF8.GetBytes(json));

        // Assert
        Assert.Equal(("e1", "/orders", "order.created", "1.0"), (envelope.Id, envelope.Source, envelope.Type, envelope.SpecVersion));
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T08:00:00.123Z", System.Globalization.CultureInfo.InvariantCulture), envelope.Time);
        Assert.Equal(("42", "application/json", "https://schemas/o"), (envelope.Subject, envelope.DataContentType, envelope.DataSchema));
        Assert.Equal("k", envelope.Extensions["partitionkey"]);
        Assert.Equal(true, envelope.Extensions["traced"]);
        Assert.Equal(3L, envelope.Extensions["retries"]);
        Assert.Equal(EnvelopeDataEncoding.Json, envelope.DataEncoding);
        Assert.Equal("""{"a":[1,2.5,"x"]}""", Encoding.UTF8.GetString(envelope.Data!));
    }

    [Fact]
    public void ToJson_DataBase64_WritesBase64AndUtcTime()
    {
        // Arrange
        var json = """{"specversion":"1.0","id":"e1","source":"/s","type":"t","time":"2026-11-23T10:00:00+01:00","data_base64":"AAEC/w=="}""";

        // Act
        var envelope = CloudEventJson.FromJson(Encoding.UTF8.GetBytes(json));
        var written = JsonNode.Parse(CloudEventJson.ToJson(envelope))!;

        // Assert
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, envelope.Data);
        Assert.Equal(EnvelopeDataEncoding.Binary, envelope.DataEncoding);
        Assert.Equal("AAEC/w==", (string?)written["data_base64"]);
        Assert.Equal("2026-11-23T09:00:00.000Z", (string?)written["time"]);
        Assert.Null(written["data"]);
    }

    [Fact]
    public void FromJson_NullOptionalAttributes_TreatedAsAbsent()
    {
        // Arrange
        var json = """{"specversion":"1.0","id":"e1","source":"/s","type":"t","subject":null,"time":null,"ext":null}""";

        // Act
        var envelope = CloudEventJson.FromJson(Encoding.UTF8.GetBytes(json));

        // Assert
        Assert.Null(envelope.Subject);
        Assert.Null(envelope.Time);
        Assert.Empty(envelope.Extensions);
        Assert.Null(envelope.Data);
    }

    [Theory]
    [InlineData("""{"specversion":"1.0","source":"/s","type":"t"}""", "id")]
    [InlineData("""{"specversion":"1.0","id":"","source":"/s","type":"t"}""", "id")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":7}""", "type")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"yesterday"}""", "time")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","Bad-Name":"x"}""", "Bad-Name")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":{"nested":1}}""", "ext")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":1.5}""", "ext")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":2147483648}""", "ext")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","ext":-2147483649}""", "ext")]
    [InlineData("""{"specversion":"0.3","id":"1","source":"/s","type":"t"}""", "specversion")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","time":"2026-11-23T10:00:00"}""", "time")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","dataschema":"not absolute"}""", "dataschema")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data":1,"data_base64":"AA=="}""", "data_base64")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":"not base64!"}""", "data_base64")]
    public void FromJson_InvalidEvent_ThrowsNamingTheAttribute(string json, string attribute)
    {
        // Act
        var exception = Assert.Throws<CloudEventFormatException>(() => CloudEventJson.FromJson(Encoding.UTF8.GetBytes(json)));

        // Assert
        Assert.Equal(attribute, exception.Attribute);
    }

    [Fact]
    public void Write_AttributesAndExtensionsInAnyOrder_WritesTheCanonicalOrder()
    {
        // Arrange: the one place the canonical attribute order is defined.
        var envelope = new CloudEventEnvelope
        {
            Id = "1",
            Source = "/s",
            Type = "t",
            Time = new DateTimeOffset(2026, 11, 23, 11, 0, 0, 123, TimeSpan.FromHours(1)).AddTicks(4567),
            Subject = "sub",
            DataContentType = "application/json",
            DataSchema = "urn:x",
            Extensions = new Dictionary<string, object> { ["zeta"] = "z", ["b2"] = 7L, ["alpha"] = true, ["b10"] = "x" },
            Data = "[1]"u8.ToArray(),
        };

        // Act
        var text = Encoding.UTF8.GetString(CloudEventJson.ToJson(envelope));

        // Assert
        Assert.Equal(
            """{"specversion":"1.0","id":"1","source":"/s","type":"t","datacontenttype":"application/json","dataschema":"urn:x","subject":"sub","time":"2026-11-23T10:00:00.123Z","alpha":true,"b10":"x","b2":7,"zeta":"z","data":[1]}""",
            text);
    }

    [Fact]
    public void FromJson_NotJson_Throws()
    {
        // Act and Assert
        Assert.Throws<CloudEventFormatException>(() => CloudEventJson.FromJson("{not json"u8.ToArray()));
    }
}

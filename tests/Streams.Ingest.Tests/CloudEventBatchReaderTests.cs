using System.Text;
using Streams.Envelope;
using Streams.Ingest.CloudEvents;

namespace Streams.Ingest.Tests;

public sealed class CloudEventBatchReaderTests
{
    private const long ReceivedAt = 1_763_900_000_000;
    private readonly CloudEventBatchReader _reader = new(maxDepth: 8, maxEvents: 10, maxEventBytes: 1024);

    [Fact]
    public void Read_ValidBatch_KeysByPartitionKeyElseSource()
    {
        // Arrange
        var body = """
            [{"specversion":"1.0","id":"1","source":"/a","type":"t","partitionkey":"k1"},
             {"specversion":"1.0","id":"2","source":"/b","type":"t"}]
            """;

        // Act
        var result = Read(body);

        // Assert
        Assert.True(result.IsValid);
        Assert.Equal(["k1", "/b"], result.Events.Select(e => e.Event.Key));
    }

    [Fact]
    public void Read_EventWithTime_UsesItAsEventTime()
    {
        // Act
        var result = Read("""[{"specversion":"1.0","id":"1","source":"/a","type":"t","time":"2026-11-23T10:00:00.250+01:00"}]""");

        // Assert
        var valid = Assert.Single(result.Events);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 0, 0, 250, TimeSpan.Zero).ToUnixTimeMilliseconds(), valid.Event.EventTimeMs);
        Assert.False(valid.TimeStamped);
    }

    [Fact]
    public void Read_EventWithoutTime_IsStampedWithReceiptTime()
    {
        // Act
        var result = Read("""[{"specversion":"1.0","id":"1","source":"/a","type":"t"}]""");

        // Assert
        var valid = Assert.Single(result.Events);
        Assert.Equal(ReceivedAt, valid.Event.EventTimeMs);
        Assert.True(valid.TimeStamped);
    }

    [Fact]
    public void Read_ValidEvent_KeepsTheSendersBytes()
    {
        // Arrange
        const string json = """{"specversion":"1.0","id":"1","source":"/a","type":"t","data":{"b":[1,2.5e3,"x"]}}""";

        // Act
        var result = Read("[" + json + "]");

        // Assert
        var envelope = result.Events[0].Event.Envelope;
        Assert.Equal("""{"b":[1,2.5e3,"x"]}""", Encoding.UTF8.GetString(envelope.Data!));
        Assert.Equal(json, Encoding.UTF8.GetString(CloudEventJson.ToJson(envelope)));
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("99999999999999999999")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    public void Read_ExtensionNumberNotA32BitInteger_IsAProblemNamingIt(string number)
    {
        // Act
        var result = Read($$"""[{"specversion":"1.0","id":"1","source":"/a","type":"t","count":{{number}}}]""");

        // Assert
        var problem = Assert.Single(result.Problems);
        Assert.Equal((0, "count"), (problem.Index, problem.Field));
        Assert.Contains("32-bit integer", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2147483647", 2147483647L)]
    [InlineData("-2147483648", -2147483648L)]
    [InlineData("0", 0L)]
    public void Read_ExtensionNumberWithin32Bits_IsKept(string number, long expected)
    {
        // Act
        var result = Read($$"""[{"specversion":"1.0","id":"1","source":"/a","type":"t","count":{{number}}}]""");

        // Assert
        Assert.True(result.IsValid);
        Assert.Equal(expected, result.Events[0].Event.Envelope.Extensions["count"]);
    }

    [Fact]
    public void Read_SeveralBadEvents_ReportsEachAndKeepsNone()
    {
        // Act
        var result = Read("""
            [{"specversion":"1.0","id":"1","source":"/a","type":"t"},
             {"specversion":"1.0","source":"/a","type":"t"},
             {"specversion":"1.0","id":"3","source":"/a"}]
            """);

        // Assert
        Assert.False(result.IsValid);
        Assert.Empty(result.Events);
        Assert.Equal([(1, "id"), (2, "type")], result.Problems.Select(p => (p.Index, p.Field!)));
    }

    [Fact]
    public void Read_SameIdFromDifferentSources_IsNotADuplicate()
    {
        // Act
        var result = Read("""[{"specversion":"1.0","id":"1","source":"/a","type":"t"},{"specversion":"1.0","id":"1","source":"/b","type":"t"}]""");

        // Assert
        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/a","type":"t","data":{"x":["ok","\uD800"]}}]""", "data")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/a","type":"t","data":{"\uDC00":1}}]""", "data")]
    [InlineData("""[{"specversion":"1.0","id":"\uD83D","source":"/a","type":"t"}]""", "id")]
    public void Read_UnpairedSurrogateEscape_IsReportedWhereItIs(string body, string field)
    {
        // Act
        var result = Read(body);

        // Assert
        Assert.Equal(field, Assert.Single(result.Problems).Field);
    }

    [Fact]
    public void Read_PairedSurrogateEscape_IsAccepted()
    {
        // Act
        var result = Read("""[{"specversion":"1.0","id":"1","source":"/a","type":"t","data":"\uD83D\uDE00"}]""");

        // Assert
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Read_TooManyEvents_ThrowsTooLarge()
    {
        // Arrange
        var body = "[" + string.Join(',', Enumerable.Range(0, 11).Select(i => $$"""{"specversion":"1.0","id":"{{i}}","source":"/a","type":"t"}""")) + "]";

        // Act / Assert
        Assert.Throws<BatchTooLargeException>(() => Read(body));
    }

    [Fact]
    public void Read_DeeperThanTheLimit_IsABatchProblem()
    {
        // Act
        var result = Read("""[{"specversion":"1.0","id":"1","source":"/a","type":"t","data":[[[[[[[[1]]]]]]]]}]""");

        // Assert
        Assert.Equal(-1, Assert.Single(result.Problems).Index);
    }

    [Fact]
    public void Read_SingleEventMode_AcceptsAnObject()
    {
        // Act
        var result = _reader.Read(Encoding.UTF8.GetBytes("""{"specversion":"1.0","id":"1","source":"/a","type":"t"}"""), singleEvent: true, ReceivedAt);

        // Assert
        Assert.Single(result.Events);
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool Read_ArbitraryBytes_NeverThrowsAnythingButTooLarge(byte[] body)
    {
        // Arbitrary input must end as a result (valid or problems) or a 413, never an unhandled exception.
        try
        {
            var result = _reader.Read(body, singleEvent: false, ReceivedAt);
            return result.IsValid || result.Problems.Count > 0;
        }
        catch (BatchTooLargeException)
        {
            return true;
        }
    }

    [FsCheck.Xunit.Property(MaxTest = 200)]
    public bool Read_ArbitraryIdString_ValidExactlyWhenNonEmpty(string? text)
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new { specversion = "1.0", id = text ?? "", source = "/a", type = "t" });
        var result = Read("[" + json + "]");
        return result.IsValid == !string.IsNullOrEmpty(text);
    }

    private BatchReadResult Read(string body) => _reader.Read(Encoding.UTF8.GetBytes(body), singleEvent: false, ReceivedAt);
}

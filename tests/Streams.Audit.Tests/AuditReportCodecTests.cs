using System.Text;

namespace Streams.Audit.Tests;

public class AuditReportCodecTests
{
    [Fact]
    public void Decode_EncodedReport_RoundTrips()
    {
        // Arrange
        var report = new AuditReport("host-1-ab", 1_795_412_400_123, [
            new AuditEntry("ingest", AuditStage.Out, 1_795_412_340_000, 12, ulong.MaxValue),
            new AuditEntry("egress", AuditStage.RetryHandedOff, 0, 0, 0),
        ]);

        // Act
        var decoded = AuditReportCodec.Decode(AuditReportCodec.Encode(report));

        // Assert
        Assert.Equal(report.Reporter, decoded.Reporter);
        Assert.Equal(report.FlushedAtMs, decoded.FlushedAtMs);
        Assert.Equal(report.Entries, decoded.Entries);
    }

    [Fact]
    public void Encode_Report_WritesTheDocumentedFormat()
    {
        // Arrange
        var report = new AuditReport("r", 5, [new AuditEntry("normaliser", AuditStage.DeadLettered, 60_000, 3, 0xabc)]);

        // Act
        var json = Encoding.UTF8.GetString(AuditReportCodec.Encode(report));

        // Assert
        Assert.Equal(
            """{"v":1,"reporter":"r","flushedAt":5,"entries":[{"hop":"normaliser","stage":"dead_lettered","minute":60000,"count":3,"digest":"0000000000000abc"}]}""",
            json);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"v":2,"reporter":"r","flushedAt":1,"entries":[]}""")]
    [InlineData("""{"v":1,"reporter":"r","flushedAt":1}""")]
    [InlineData("""{"v":1,"reporter":"r","flushedAt":1,"entries":[{"hop":"h","stage":"lost","minute":0,"count":1,"digest":"0000000000000001"}]}""")]
    [InlineData("""{"v":1,"reporter":"r","flushedAt":1,"entries":[{"hop":"h","stage":"out","minute":1,"count":1,"digest":"0000000000000001"}]}""")]
    [InlineData("""{"v":1,"reporter":"r","flushedAt":1,"entries":[{"hop":"h","stage":"out","minute":0,"count":-1,"digest":"0000000000000001"}]}""")]
    [InlineData("""{"v":1,"reporter":"r","flushedAt":1,"entries":[{"hop":"h","stage":"out","minute":0,"count":1,"digest":"xyz"}]}""")]
    [InlineData("""{"v":1,"reporter":"r","flushedAt":1,"entries":[{"hop":"","stage":"out","minute":0,"count":1,"digest":"0000000000000001"}]}""")]
    [InlineData("""{"v":1,"reporter":"r","flushedAt":1,"entries":[7]}""")]
    public void Decode_NotAnAuditReport_ThrowsFormatException(string value)
    {
        // Act
        var thrown = Record.Exception(() => AuditReportCodec.Decode(Encoding.UTF8.GetBytes(value)));

        // Assert
        Assert.IsType<FormatException>(thrown);
    }
}

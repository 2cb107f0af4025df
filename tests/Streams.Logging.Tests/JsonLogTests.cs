using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace Streams.Logging.Tests;

public class JsonLogTests
{
    [Fact]
    public void CreateLogger_Json_WritesOneObjectPerLineWithMessagePropertiesAndTraceIds()
    {
        // Arrange
        using var output = new StringWriter();
        using var factory = new SerilogLoggerFactory(StreamsLoggingBuilderExtensions.CreateLogger("json", output), dispose: true);
        var logger = factory.CreateLogger("Streams.Tests");
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

        // Act
        logger.LogWarning("Dead-lettered {Topic}/{Partition}@{Offset}: {Reason}", "streams.ingested", 3, 42L, "bad \"schema\"\nline");
        logger.LogInformation("second");

        // Assert
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var line = JsonDocument.Parse(lines[0]).RootElement;
        Assert.StartsWith("Dead-lettered \"streams.ingested\"/3@42: ", line.GetProperty("@m").GetString(), StringComparison.Ordinal);
        Assert.Equal("bad \"schema\"\nline", line.GetProperty("Reason").GetString());
        Assert.Equal("Warning", line.GetProperty("@l").GetString());
        Assert.Equal(3, line.GetProperty("Partition").GetInt32());
        Assert.Equal("Streams.Tests", line.GetProperty("SourceContext").GetString());
        Assert.Equal(activity.TraceId.ToHexString(), line.GetProperty("@tr").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), line.GetProperty("@sp").GetString());
    }

    [Fact]
    public void CreateLogger_Text_WritesReadableLines()
    {
        // Arrange
        using var output = new StringWriter();
        using var factory = new SerilogLoggerFactory(StreamsLoggingBuilderExtensions.CreateLogger("text", output), dispose: true);

        // Act
        factory.CreateLogger("Streams.Tests").LogError("Loss alert for {Hop}", "egress");

        // Assert
        Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3} ERR Streams\.Tests: Loss alert for egress\n$", output.ToString().Replace("\r", "", StringComparison.Ordinal));
    }
}

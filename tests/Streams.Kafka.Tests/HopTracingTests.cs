using System.Diagnostics;
using Confluent.Kafka;

namespace Streams.Kafka.Tests;

[Collection(nameof(HopTracingTests))]
public sealed class HopTracingTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == HopTracing.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Fact]
    public void StartHop_RecordWithTraceparent_ContinuesTheTraceAndInjectsItsOwnSpan()
    {
        // Arrange
        ActivitySource.AddActivityListener(_listener);
        const string Incoming = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var headers = new Headers();
        headers.SetText(StreamsHeaders.TraceParent, Incoming);
        var outgoing = headers.Copy();

        // Act
        using var span = HopTracing.StartHop("normaliser", headers);
        HopTracing.Inject(outgoing, span);

        // Assert
        Assert.NotNull(span);
        Assert.Equal("normaliser process", span.DisplayName);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", span.ParentSpanId.ToHexString());
        Assert.Equal($"00-0af7651916cd43dd8448eb211c80319c-{span.SpanId.ToHexString()}-01", outgoing.GetText(StreamsHeaders.TraceParent));
    }

    [Fact]
    public void StartRequest_CallerTraceparent_StartsAServerSpanAsTheCallersChild()
    {
        // Arrange
        ActivitySource.AddActivityListener(_listener);

        // Act
        using var span = HopTracing.StartRequest("ingest", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        // Assert
        Assert.NotNull(span);
        Assert.Equal("ingest process", span.DisplayName);
        Assert.Equal(ActivityKind.Server, span.Kind);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", span.ParentSpanId.ToHexString());
    }

    [Fact]
    public void StartHop_RecordWithoutValidTraceparent_StartsANewTrace()
    {
        // Arrange
        ActivitySource.AddActivityListener(_listener);
        var headers = new Headers();
        headers.SetText(StreamsHeaders.TraceParent, "garbage");

        // Act
        using var span = HopTracing.StartHop("egress", headers);

        // Assert
        Assert.NotNull(span);
        Assert.Equal(default, span.ParentSpanId);
    }

    [Fact]
    public void Inject_NoSpan_KeepsTheIncomingTraceparent()
    {
        // Arrange
        var headers = new Headers();
        headers.SetText(StreamsHeaders.TraceParent, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

        // Act
        HopTracing.Inject(headers, activity: null);

        // Assert
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", headers.GetText(StreamsHeaders.TraceParent));
    }

    public void Dispose() => _listener.Dispose();
}

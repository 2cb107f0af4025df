using Google.Protobuf;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// Reads the spans out of an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry-proto, trace/v1/trace.proto) with
/// Google.Protobuf's wire reader, field numbers from the spec: request.resource_spans = 1, ResourceSpans.scope_spans = 2,
/// ScopeSpans.spans = 2; Span.trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6.
/// </summary>
public static class OtlpTraceDecoder
{
    public static IReadOnlyList<ExportedSpan> Decode(byte[] request) =>
        [.. Messages(ByteString.CopyFrom(request), 1)
            .SelectMany(resourceSpans => Messages(resourceSpans, 2))
            .SelectMany(scopeSpans => Messages(scopeSpans, 2))
            .Select(ReadSpan)];

    private static IEnumerable<ByteString> Messages(ByteString message, int field)
    {
        var input = message.CreateCodedInput();
        while (input.ReadTag() is var tag and not 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                yield return input.ReadBytes();
            }
            else
            {
                input.SkipLastField();
            }
        }
    }

    private static ExportedSpan ReadSpan(ByteString span)
    {
        var input = span.CreateCodedInput();
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = 0;
        while (input.ReadTag() is var tag and not 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Hex(input.ReadBytes()); break;
                case 2: spanId = Hex(input.ReadBytes()); break;
                case 4: parentSpanId = Hex(input.ReadBytes()); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new ExportedSpan(traceId, spanId, parentSpanId, name, kind);
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}

using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Streams.Logging;

/// <summary>Writes each log event as one formatted line to a <see cref="TextWriter"/> (stdout in the services).</summary>
/// <param name="formatter">Formats one event, ending with a newline.</param>
/// <param name="output">The writer; calls are serialised here, so one event's line is never interleaved with another's.</param>
internal sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    private readonly Lock _lock = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_lock)
        {
            formatter.Format(logEvent, output);
            output.Flush();
        }
    }
}

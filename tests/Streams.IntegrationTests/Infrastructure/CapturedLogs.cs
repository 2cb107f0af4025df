using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>A log provider that keeps every line an in-process host logs, so tests can assert on alerts.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _lines = new();

    public IEnumerable<(LogLevel Level, string Category, string Message)> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs._lines.Enqueue((logLevel, category, formatter(state, exception)));
            }
        }
    }
}

using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Streams.Kafka;

/// <summary>Routes librdkafka's own log lines and errors into the service's logs at matching levels.</summary>
internal static class LibrdkafkaLog
{
    public static void Write(ILogger logger, LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        logger.Log(level, "librdkafka {Facility}: {Message}", message.Facility, message.Message);
    }

    public static void Write(ILogger logger, Error error)
    {
        // Most client errors (a broker going away, a leader moving) are retried by librdkafka itself;
        // only fatal ones end the client.
        var level = error.IsFatal ? LogLevel.Critical : LogLevel.Warning;
        logger.Log(level, "librdkafka error {Code}: {Reason}", error.Code, error.Reason);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Streams.Envelope;

namespace Streams.Auditor;

/// <summary>Reads the <c>from</c> and <c>to</c> arguments of <c>GET /v1/loss</c>: RFC 3339 times or ms since the Unix epoch.</summary>
public static partial class LossQuery
{
    /// <summary>The range asked for when neither argument is given: the last hour.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromHours(1);

    /// <summary>Parses the arguments.</summary>
    /// <param name="from">The <c>from</c> argument; default <paramref name="to"/> minus an hour.</param>
    /// <param name="to">The <c>to</c> argument; default now.</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxRange">The widest range allowed.</param>
    /// <returns>The range, or the problem with the arguments (naming the argument).</returns>
    public static (DateTimeOffset From, DateTimeOffset To, string? Error) Parse(string? from, string? to, DateTimeOffset now, TimeSpan maxRange)
    {
        var end = now;
        if (!string.IsNullOrEmpty(to) && !TryParseTime(to, out end))
        {
            return (default, default, $"'to' must be an RFC 3339 time (2026-11-23T10:00:00Z) or ms since the Unix epoch, was '{to}'.");
        }

        var start = end - DefaultRange;
        if (!string.IsNullOrEmpty(from) && !TryParseTime(from, out start))
        {
            return (default, default, $"'from' must be an RFC 3339 time (2026-11-23T10:00:00Z) or ms since the Unix epoch, was '{from}'.");
        }

        if (start > end)
        {
            return (default, default, $"'from' ({start:o}) must not be after 'to' ({end:o}).");
        }

        if (end - start > maxRange)
        {
            return (default, default, $"The range from 'from' to 'to' may span at most {maxRange.TotalMinutes} minutes, was {(end - start).TotalMinutes:F0}.");
        }

        return (start, end, null);
    }

    /// <summary>Parses one time: an RFC 3339 date-time with offset, or whole ms since the Unix epoch.</summary>
    /// <param name="text">The text.</param>
    /// <param name="time">The time.</param>
    /// <returns>False when <paramref name="text"/> is neither.</returns>
    public static bool TryParseTime(string text, out DateTimeOffset time)
    {
        time = default;
        if (EpochMs().IsMatch(text))
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms)
                || ms < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return false;
            }

            time = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        return Rfc3339.TryParse(text, out time);
    }

    [GeneratedRegex(@"^-?[0-9]{1,16}$")]
    private static partial Regex EpochMs();
}

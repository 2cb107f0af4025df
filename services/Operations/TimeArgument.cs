using System.Globalization;
using Streams.Envelope;

namespace Streams.Operations;

/// <summary>Times given on the command line: RFC 3339 with an offset (<c>2026-11-23T10:00:00Z</c>) or Unix milliseconds.</summary>
public static class TimeArgument
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="OperatorException"/> naming <paramref name="option"/> when it cannot.</summary>
    public static DateTimeOffset Parse(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        // The offset is required: a replay window guessed in the operator's local zone would replay the wrong hour.
        if (Rfc3339.TryParse(text, out var time))
        {
            return time;
        }

        throw new OperatorException($"{option} '{text}' is not a time: use RFC 3339 with an offset (2026-11-23T10:00:00Z, 2026-11-23T11:00:00+01:00) or Unix milliseconds.");
    }
}

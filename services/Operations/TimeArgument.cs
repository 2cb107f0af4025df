using System.Globalization;

namespace Streams.Operations;

/// <summary>Times given on the command line: RFC 3339 (<c>2026-11-23T10:00:00Z</c>) or Unix milliseconds.</summary>
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

        if (text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        throw new OperatorException($"{option} '{text}' is not a time: use RFC 3339 (2026-11-23T10:00:00Z) or Unix milliseconds.");
    }
}

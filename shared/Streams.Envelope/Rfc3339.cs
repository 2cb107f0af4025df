using System.Globalization;

namespace Streams.Envelope;

/// <summary>
/// RFC 3339 date-times (https://www.rfc-editor.org/rfc/rfc3339#section-5.6): the one parser for CloudEvents'
/// <c>time</c>, the normaliser's canonical form, the auditor's loss query and the operator's command line.
/// </summary>
public static class Rfc3339
{
    private const string CanonicalFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // .NET keeps 7 fraction digits (100 ns); RFC 3339 allows any number, and the canonical form keeps only 3 anyway.
    private const int KeptFractionDigits = 7;

    /// <summary>
    /// Parses a full date-time: <c>yyyy-mm-dd</c>, <c>T</c>, <c>hh:mm:ss</c>, an optional fraction of any length, and
    /// <c>Z</c> or a <c>±hh:mm</c> offset (the offset is required; <c>T</c> and <c>Z</c> may be lower case).
    /// </summary>
    /// <remarks>
    /// A leap second (<c>:60</c>) is read as the last tick of second 59: .NET has no leap seconds, and that keeps the
    /// instant inside its minute and in order. Digits past the 7th are truncated. Offsets beyond ±14:00, which RFC 3339
    /// allows and <see cref="DateTimeOffset"/> does not, give the same instant in UTC.
    /// </remarks>
    /// <param name="text">The text.</param>
    /// <param name="value">The instant, with the text's offset where <see cref="DateTimeOffset"/> can hold it.</param>
    /// <returns>False when <paramref name="text"/> is not an RFC 3339 date-time.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20
            || !Digits(text, 0, 4, out var year) || text[4] != '-' || !Digits(text, 5, 2, out var month) || text[7] != '-'
            || !Digits(text, 8, 2, out var day) || text[10] is not ('T' or 't')
            || !Digits(text, 11, 2, out var hour) || text[13] != ':' || !Digits(text, 14, 2, out var minute) || text[16] != ':'
            || !Digits(text, 17, 2, out var second))
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            var start = ++position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                if (position - start < KeptFractionDigits)
                {
                    fractionTicks = (fractionTicks * 10) + (text[position] - '0');
                }

                position++;
            }

            var digits = position - start;
            if (digits == 0)
            {
                return false;
            }

            for (var kept = Math.Min(digits, KeptFractionDigits); kept < KeptFractionDigits; kept++)
            {
                fractionTicks *= 10;
            }
        }

        if (!TryOffset(text[position..], out var offset)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var leap = second == 60;
        var local = new DateTime(year, month, day, hour, minute, leap ? 59 : second, DateTimeKind.Unspecified).Ticks
            + (leap ? TimeSpan.TicksPerSecond - 1 : fractionTicks);
        var utc = local - offset.Ticks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = Math.Abs(offset.TotalHours) <= 14
            ? new DateTimeOffset(local, offset)
            : new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    /// <summary>The canonical text of an instant: UTC, truncated to the millisecond, e.g. <c>2026-11-23T10:00:00.120Z</c>.</summary>
    /// <param name="time">The instant.</param>
    /// <returns>The text.</returns>
    public static string Format(DateTimeOffset time) =>
        TruncateToMilliseconds(time).UtcDateTime.ToString(CanonicalFormat, CultureInfo.InvariantCulture);

    /// <summary>The instant in UTC without its sub-millisecond ticks: what the envelope's <c>timestamp-millis</c> holds.</summary>
    /// <param name="time">The instant.</param>
    /// <returns>The truncated instant.</returns>
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset time)
    {
        var ticks = time.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    private static bool TryOffset(ReadOnlySpan<char> text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text is ['Z' or 'z'])
        {
            return true;
        }

        if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
            || !Digits(text, 1, 2, out var hours) || !Digits(text, 4, 2, out var minutes) || hours > 23 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        offset = text[0] == '-' ? -offset : offset;
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }
}

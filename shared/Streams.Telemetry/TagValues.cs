using System.Globalization;

namespace Streams.Telemetry;

/// <summary>Turns measurement tag values into label text without allocating for strings and numbers.</summary>
internal static class TagValues
{
    /// <summary>Room for any number, GUID or date a tag is likely to carry.</summary>
    public const int BufferLength = 64;

    /// <summary>Formats <paramref name="value"/> as invariant text, using <paramref name="buffer"/> for non-strings.</summary>
    public static ReadOnlySpan<char> Format(object? value, Span<char> buffer) => value switch
    {
        string text => text,
        ISpanFormattable formattable when formattable.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture)
            => buffer[..written],
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The same text as <see cref="Format"/>, as a string; strings are returned as they are.</summary>
    public static string ToLabelValue(object? value, Span<char> buffer) => value as string ?? Format(value, buffer).ToString();
}

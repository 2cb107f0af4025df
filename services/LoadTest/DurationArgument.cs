using System.Globalization;

namespace Streams.LoadTest;

/// <summary>Durations on the command line: <c>500ms</c>, <c>30s</c>, <c>2m</c>, or plain seconds.</summary>
internal static class DurationArgument
{
    public static TimeSpan Parse(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? TimeSpan.FromSeconds(value * unit)
            : throw new UsageException($"{option} must be a positive duration such as 500ms, 30s or 2m, not '{text}'.");
    }
}

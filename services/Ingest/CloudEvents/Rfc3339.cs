using System.Globalization;
using System.Text.RegularExpressions;

namespace Streams.Ingest.CloudEvents;

/// <summary>RFC 3339 timestamps (https://www.rfc-editor.org/rfc/rfc3339#section-5.6), as CloudEvents' <c>time</c> requires.</summary>
public static partial class Rfc3339
{
    /// <summary>Parses a full RFC 3339 date-time: a date, 'T', a time with optional fraction, and 'Z' or an offset.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        return text is not null
            && Shape().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}

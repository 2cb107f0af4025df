using System.Globalization;

namespace Streams.SchemaRegistry.Api;

/// <summary>A version in a path: a number from 1, or <c>latest</c> (also written <c>-1</c>).</summary>
internal readonly record struct VersionSelector(int? Number)
{
    public bool IsLatest => Number is null;

    public static VersionSelector Parse(string text)
    {
        if (text == "latest" || text == "-1")
        {
            return new VersionSelector(null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1
            ? new VersionSelector(number)
            : throw RegistryException.InvalidVersion(text);
    }
}

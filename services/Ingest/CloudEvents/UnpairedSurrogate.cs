using System.Text.Json;

namespace Streams.Ingest.CloudEvents;

/// <summary>Finds strings in an event that decode to unpaired UTF-16 surrogates.</summary>
internal static class UnpairedSurrogate
{
    /// <summary>The top-level attribute holding such a string (or a property name), or null when there is none.</summary>
    public static string? FindIn(JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                return "(attribute name)";
            }

            if (!IsText(name) || !IsClean(property.Value))
            {
                return name;
            }
        }

        return null;
    }

    private static bool IsClean(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => TryDecode(value),
        JsonValueKind.Array => value.EnumerateArray().All(IsClean),
        JsonValueKind.Object => value.EnumerateObject().All(p => IsCleanName(p) && IsClean(p.Value)),
        _ => true,
    };

    private static bool IsCleanName(JsonProperty property)
    {
        try
        {
            return IsText(property.Name);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool TryDecode(JsonElement value)
    {
        try
        {
            return IsText(value.GetString()!);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool IsText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Text.Json;

namespace Streams.Ingest.CloudEvents;

/// <summary>Attribute checks on one event, each failure recorded with the event's index and the attribute.</summary>
internal sealed class EventChecks(int index, JsonElement element, List<EventProblem> problems)
{
    public void That(bool valid, string field, string detail)
    {
        if (!valid)
        {
            problems.Add(new EventProblem(index, field, detail));
        }
    }

    public string? RequiredString(string name)
    {
        if (!element.TryGetProperty(name, out _))
        {
            problems.Add(new EventProblem(index, name, $"The required attribute '{name}' is missing."));
            return null;
        }

        return OptionalString(name);
    }

    public string? OptionalString(string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
        {
            problems.Add(new EventProblem(index, name, $"The attribute '{name}' must be a non-empty string, was {Describe(value)}."));
            return null;
        }

        return text;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "an empty string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };
}

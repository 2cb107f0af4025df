using Streams.Envelope;

namespace Streams.Normaliser.Normalisation;

/// <summary>
/// An event's attributes as rules and the canonical form change them: context attributes and extensions in one bag
/// by name, so a rule can rename an extension into a context attribute or back, and the data beside them.
/// Values are what the envelope holds: strings, booleans, longs and, for <c>time</c>, a <see cref="DateTimeOffset"/>.
/// </summary>
public sealed class EnvelopeAttributes
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>The attributes of <paramref name="envelope"/>.</summary>
    public EnvelopeAttributes(CloudEventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        foreach (var (name, value) in envelope.Extensions)
        {
            _values[name] = value;
        }

        // Context attributes last: an extension with a context attribute's name cannot stand in for it.
        _values["specversion"] = envelope.SpecVersion;
        _values["id"] = envelope.Id;
        _values["source"] = envelope.Source;
        _values["type"] = envelope.Type;
        SetIfPresent("datacontenttype", envelope.DataContentType);
        SetIfPresent("dataschema", envelope.DataSchema);
        SetIfPresent("subject", envelope.Subject);
        if (envelope.Time is { } time)
        {
            _values["time"] = time;
        }

        Data = new DataJson(envelope.Data, envelope.DataEncoding);
    }

    /// <summary>The event's data.</summary>
    public DataJson Data { get; }

    /// <summary>Every attribute but the data, by name, in no particular order.</summary>
    public IReadOnlyDictionary<string, object> Values => _values;

    /// <summary>The attribute's value when it is a string; otherwise null.</summary>
    public string? Text(string name) => _values.TryGetValue(name, out var value) ? value as string : null;

    /// <summary>True when the event has the attribute.</summary>
    public bool Contains(string name) => _values.ContainsKey(name);

    /// <summary>Sets an attribute.</summary>
    public void Set(string name, object value) => _values[name] = value;

    /// <summary>Sets an attribute the event does not have.</summary>
    public void SetDefault(string name, object value) => _values.TryAdd(name, value);

    /// <summary>Removes an attribute; <c>data</c> and <c>data_base64</c> remove the data.</summary>
    public void Remove(string name)
    {
        if (name is "data" or "data_base64")
        {
            Data.Clear();
            return;
        }

        _values.Remove(name);
    }

    /// <summary>Moves an attribute to a new name; an attribute already under the new name wins (the sender is already on it).</summary>
    public void Rename(string from, string to)
    {
        if (_values.Remove(from, out var value))
        {
            _values.TryAdd(to, value);
        }
    }

    private void SetIfPresent(string name, string? value)
    {
        if (value is not null)
        {
            _values[name] = value;
        }
    }
}

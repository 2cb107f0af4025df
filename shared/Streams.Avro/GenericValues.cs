using System.Collections;

namespace Streams.Avro;

/// <summary>Helpers over values of the generic representation.</summary>
internal static class GenericValues
{
    /// <summary>Copies the mutable parts, so that records filled from a shared default do not share state.</summary>
    public static object? DeepCopy(object? value)
    {
        switch (value)
        {
            case byte[] bytes:
                return bytes.Clone();
            case GenericFixed fixedValue:
                return new GenericFixed(fixedValue.Schema, (byte[])fixedValue.Value.Clone());
            case GenericRecord record:
                var copy = new GenericRecord(record.Schema);
                for (var i = 0; i < record.Schema.Fields.Count; i++)
                {
                    copy[i] = DeepCopy(record[i]);
                }

                return copy;
            case IDictionary map:
                var mapCopy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
                foreach (DictionaryEntry entry in map)
                {
                    mapCopy[(string)entry.Key] = DeepCopy(entry.Value);
                }

                return mapCopy;
            case IList list:
                var listCopy = new List<object?>(list.Count);
                foreach (var item in list)
                {
                    listCopy.Add(DeepCopy(item));
                }

                return listCopy;
            default:
                return value;
        }
    }
}

using System.Globalization;
using System.Text;

namespace Streams.Avro;

/// <summary>
/// Writes the spec's Parsing Canonical Form: primitives as bare names, full names, only the attributes that matter
/// for parsing in the order name, type, fields, symbols, items, values, size, and no whitespace. Names and symbols are
/// validated as [A-Za-z0-9_.], so no string needs escaping.
/// </summary>
internal static class CanonicalForm
{
    public static string Write(AvroSchema schema)
    {
        var text = new StringBuilder();
        Append(text, schema, new HashSet<string>(StringComparer.Ordinal));
        return text.ToString();
    }

    private static void Append(StringBuilder text, AvroSchema schema, HashSet<string> defined)
    {
        // A named type is written out in full where it first appears and by name after that.
        if (schema is NamedSchema named && !defined.Add(named.FullName))
        {
            text.Append('"').Append(named.FullName).Append('"');
            return;
        }

        switch (schema)
        {
            case RecordSchema record:
                AppendNameAndType(text, record);
                text.Append(",\"fields\":[");
                for (var i = 0; i < record.Fields.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",").Append("{\"name\":\"").Append(record.Fields[i].Name).Append("\",\"type\":");
                    Append(text, record.Fields[i].Schema, defined);
                    text.Append('}');
                }

                text.Append("]}");
                break;
            case EnumSchema enumSchema:
                AppendNameAndType(text, enumSchema);
                text.Append(",\"symbols\":[").AppendJoin(',', enumSchema.Symbols.Select(s => $"\"{s}\"")).Append("]}");
                break;
            case FixedSchema fixedSchema:
                AppendNameAndType(text, fixedSchema);
                text.Append(",\"size\":").Append(fixedSchema.Size.ToString(CultureInfo.InvariantCulture)).Append('}');
                break;
            case ArraySchema array:
                text.Append("{\"type\":\"array\",\"items\":");
                Append(text, array.Items, defined);
                text.Append('}');
                break;
            case MapSchema map:
                text.Append("{\"type\":\"map\",\"values\":");
                Append(text, map.Values, defined);
                text.Append('}');
                break;
            case UnionSchema union:
                text.Append('[');
                for (var i = 0; i < union.Branches.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",");
                    Append(text, union.Branches[i], defined);
                }

                text.Append(']');
                break;
            default:
                text.Append('"').Append(AvroSchema.TypeName(schema.Type)).Append('"');
                break;
        }
    }

    private static void AppendNameAndType(StringBuilder text, NamedSchema schema) =>
        text.Append("{\"name\":\"").Append(schema.FullName).Append("\",\"type\":\"").Append(AvroSchema.TypeName(schema.Type)).Append('"');
}

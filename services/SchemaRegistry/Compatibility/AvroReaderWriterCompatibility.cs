using System.Diagnostics.CodeAnalysis;
using Avro;

namespace Streams.SchemaRegistry.Compatibility;

/// <summary>
/// Whether a reader schema can read everything a writer schema can write, by the specification's schema resolution
/// (https://avro.apache.org/docs/1.12.0/specification/#schema-resolution). Apache.Avro's own <c>Schema.CanRead</c>
/// is too lax for a registry (see README.md beside this file).
/// </summary>
internal sealed class AvroReaderWriterCompatibility
{
    /// <summary>
    /// Record pairs whose check is under way further up: a recursive record met again inside itself is taken as
    /// readable, since the outer check decides it.
    /// </summary>
    private readonly HashSet<(string Reader, string Writer)> _inProgress = [];

    /// <summary>True when <paramref name="reader"/> reads all data written with <paramref name="writer"/>; otherwise the first problem found.</summary>
    public static bool CanRead(Schema reader, Schema writer, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        reason = new AvroReaderWriterCompatibility().Problem(reader, writer, reader.Name);
        return reason is null;
    }

    private string? Problem(Schema reader, Schema writer, string path)
    {
        if (writer is UnionSchema writerUnion)
        {
            // Data may have been written with any branch, whether or not a value used it yet.
            return writerUnion.Schemas.Select(branch => Problem(reader, branch, path)).FirstOrDefault(problem => problem is not null);
        }

        if (reader is UnionSchema readerUnion)
        {
            return readerUnion.Schemas.Any(branch => Problem(branch, writer, path) is null)
                ? null
                : $"at {path}: no branch of the reader's union [{string.Join(", ", readerUnion.Schemas.Select(Describe))}] can read the writer's {Describe(writer)}";
        }

        if (reader is LogicalSchema { LogicalTypeName: "decimal" } readerDecimal && writer is LogicalSchema { LogicalTypeName: "decimal" } writerDecimal
            && !SameScaleAndPrecision(readerDecimal, writerDecimal))
        {
            return $"at {path}: the writer's decimal({writerDecimal.GetProperty("precision")}, {Scale(writerDecimal)}) is not the reader's decimal({readerDecimal.GetProperty("precision")}, {Scale(readerDecimal)})";
        }

        // Other logical types are read as their underlying types.
        return (Underlying(reader), Underlying(writer)) switch
        {
            (RecordSchema r, RecordSchema w) => AvroNames.Match(r, w) ? Fields(r, w, path) : NameMismatch(r, w, path),
            (EnumSchema r, EnumSchema w) => AvroNames.Match(r, w) ? Symbols(r, w, path) : NameMismatch(r, w, path),
            (FixedSchema r, FixedSchema w) when !AvroNames.Match(r, w) => NameMismatch(r, w, path),
            (FixedSchema r, FixedSchema w) => r.Size == w.Size ? null : $"at {path}: the writer's fixed {w.Fullname} has {w.Size} bytes, the reader's {r.Size}",
            (ArraySchema r, ArraySchema w) => Problem(r.ItemSchema, w.ItemSchema, $"{path}[]"),
            (MapSchema r, MapSchema w) => Problem(r.ValueSchema, w.ValueSchema, $"{path}{{}}"),
            (PrimitiveSchema r, PrimitiveSchema w) when AvroPromotions.CanRead(r.Tag, w.Tag) => null,
            var (r, w) => $"at {path}: the reader's {Describe(r)} cannot read the writer's {Describe(w)}",
        };
    }

    private string? Fields(RecordSchema reader, RecordSchema writer, string path)
    {
        if (!_inProgress.Add((reader.Fullname, writer.Fullname)))
        {
            return null;
        }

        try
        {
            foreach (var field in reader.Fields)
            {
                var fieldPath = $"{path}.{field.Name}";
                if (WriterField(writer, field) is { } written)
                {
                    if (Problem(field.Schema, written.Schema, fieldPath) is { } problem)
                    {
                        return problem;
                    }
                }
                else if (field.DefaultValue is null)
                {
                    return $"at {fieldPath}: the writer's {writer.Fullname} has no such field (nor one named by its aliases) and the reader's field has no default";
                }
            }

            // Writer fields the reader lacks are skipped.
            return null;
        }
        finally
        {
            _inProgress.Remove((reader.Fullname, writer.Fullname));
        }
    }

    /// <summary>The writer's field for a reader's field: by its name, else by one of its aliases.</summary>
    private static Field? WriterField(RecordSchema writer, Field readerField)
    {
        if (writer.TryGetField(readerField.Name, out var byName))
        {
            return byName;
        }

        return (readerField.Aliases ?? []).Select(alias => writer.TryGetField(alias, out var byAlias) ? byAlias : null).FirstOrDefault(field => field is not null);
    }

    private static string? Symbols(EnumSchema reader, EnumSchema writer, string path) =>
        reader.Default is null && writer.Symbols.FirstOrDefault(symbol => !reader.Contains(symbol)) is { } missing
            ? $"at {path}: the writer's symbol {missing} is not in the reader's enum {reader.Fullname}, which has no default"
            : null;

    private static string NameMismatch(NamedSchema reader, NamedSchema writer, string path) =>
        $"at {path}: the writer's {Describe(writer)} is not the reader's {Describe(reader)} by name nor by one of its aliases";

    private static bool SameScaleAndPrecision(LogicalSchema reader, LogicalSchema writer) =>
        reader.GetProperty("precision") == writer.GetProperty("precision") && Scale(reader) == Scale(writer);

    /// <summary>The specification's default scale is 0.</summary>
    private static string Scale(LogicalSchema schema) => schema.GetProperty("scale") ?? "0";

    private static Schema Underlying(Schema schema) => schema is LogicalSchema logical ? logical.BaseSchema : schema;

    private static string Describe(Schema schema) => schema switch
    {
        RecordSchema record => $"record {record.Fullname}",
        EnumSchema enumSchema => $"enum {enumSchema.Fullname}",
        FixedSchema fixedSchema => $"fixed {fixedSchema.Fullname}",
        _ => schema.Name,
    };
}

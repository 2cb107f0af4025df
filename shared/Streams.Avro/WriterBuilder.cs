using System.Collections;

namespace Streams.Avro;

/// <summary>Builds the tree of encoders for a schema once, so that encoding a value does not walk the schema.</summary>
internal sealed class WriterBuilder
{
    private readonly Dictionary<RecordSchema, ValueWriter> _records = [];

    private WriterBuilder()
    {
    }

    public static ValueWriter Build(AvroSchema schema) => new WriterBuilder().Create(schema);

    private ValueWriter Create(AvroSchema schema) => schema switch
    {
        RecordSchema record => CreateRecord(record),
        EnumSchema enumSchema => CreateEnum(enumSchema),
        FixedSchema fixedSchema => CreateFixed(fixedSchema),
        ArraySchema array => CreateArray(Create(array.Items), array),
        MapSchema map => CreateMap(Create(map.Values), map),
        UnionSchema union => CreateUnion(union, union.Branches.Select(Create).ToArray()),
        _ => CreatePrimitive(schema),
    };

    private ValueWriter CreateRecord(RecordSchema schema)
    {
        if (_records.TryGetValue(schema, out var existing))
        {
            return existing;
        }

        // A recursive record refers to itself through this proxy until its own encoder exists.
        ValueWriter? built = null;
        _records[schema] = (writer, value) => built!(writer, value);
        var fields = schema.Fields;
        var writers = fields.Select(f => Create(f.Schema)).ToArray();
        built = (writer, value) =>
        {
            if (value is not GenericRecord record || record.Schema.FullName != schema.FullName)
            {
                throw Mismatch(schema, value);
            }

            // A record built from another parse of the same schema is written by field name, not position.
            var samePositions = ReferenceEquals(record.Schema, schema);
            for (var i = 0; i < writers.Length; i++)
            {
                writers[i](writer, samePositions ? record[i] : record[fields[i].Name]);
            }
        };
        _records[schema] = built;
        return built;
    }

    private static ValueWriter CreateEnum(EnumSchema schema) => (writer, value) =>
    {
        var index = value switch
        {
            GenericEnumSymbol symbol when ReferenceEquals(symbol.Schema, schema) => symbol.Index,
            GenericEnumSymbol symbol when symbol.Schema.FullName == schema.FullName => schema.IndexOf(symbol.Symbol),
            string symbol => schema.IndexOf(symbol),
            _ => throw Mismatch(schema, value),
        };
        writer.WriteInt(index >= 0 ? index : throw new AvroException($"Enum '{schema.FullName}' has no symbol '{value}'."));
    };

    private static ValueWriter CreateFixed(FixedSchema schema)
    {
        var logicalType = schema.LogicalType;
        return (writer, value) => writer.WriteFixed(value switch
        {
            GenericFixed fixedValue when fixedValue.Schema.FullName == schema.FullName && fixedValue.Value.Length == schema.Size => fixedValue.Value,
            AvroDecimal number when logicalType is not null => LogicalValues.DecimalToBytes(number, logicalType, schema.Size),
            _ => throw Mismatch(schema, value),
        });
    }

    private static ValueWriter CreateArray(ValueWriter items, ArraySchema schema) => (writer, value) =>
    {
        if (value is not IList list)
        {
            throw Mismatch(schema, value);
        }

        if (list.Count > 0)
        {
            writer.WriteLong(list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                items(writer, list[i]);
            }
        }

        writer.WriteLong(0);
    };

    private static ValueWriter CreateMap(ValueWriter values, MapSchema schema) => (writer, value) =>
    {
        if (value is not IDictionary map)
        {
            throw Mismatch(schema, value);
        }

        if (map.Count > 0)
        {
            writer.WriteLong(map.Count);

            // The dictionary enumerator's Key and Value avoid boxing a DictionaryEntry per entry.
            var entries = map.GetEnumerator();
            while (entries.MoveNext())
            {
                writer.WriteString(entries.Key as string ?? throw new AvroException($"Map keys must be strings, got {entries.Key.GetType().Name}."));
                values(writer, entries.Value);
            }
        }

        writer.WriteLong(0);
    };

    private static ValueWriter CreateUnion(UnionSchema schema, ValueWriter[] branches) => (writer, value) =>
    {
        var index = UnionBranches.Select(schema, value);
        writer.WriteInt(index);
        branches[index](writer, value);
    };

    private static ValueWriter CreatePrimitive(AvroSchema schema)
    {
        var logicalType = schema.LogicalType;
        return (schema.Type, logicalType) switch
        {
            (AvroType.Null, _) => (_, value) =>
            {
                if (value is not null)
                {
                    throw Mismatch(schema, value);
                }
            },
            (AvroType.Boolean, _) => (writer, value) => writer.WriteBoolean(value is bool b ? b : throw Mismatch(schema, value)),
            (AvroType.Int, _) => (writer, value) => writer.WriteInt(value is int i ? i : throw Mismatch(schema, value)),
            (AvroType.Long, null) => (writer, value) => writer.WriteLong(AsLong(schema, value)),
            (AvroType.Long, _) => (writer, value) =>
                writer.WriteLong(value is DateTimeOffset time ? LogicalValues.ToUnix(time, logicalType) : AsLong(schema, value)),
            (AvroType.Float, _) => (writer, value) => writer.WriteFloat(value switch
            {
                float f => f,
                int i => i,
                long l => l,
                _ => throw Mismatch(schema, value),
            }),
            (AvroType.Double, _) => (writer, value) => writer.WriteDouble(value switch
            {
                double d => d,
                float f => f,
                int i => i,
                long l => l,
                _ => throw Mismatch(schema, value),
            }),
            (AvroType.Bytes, null) => (writer, value) => writer.WriteBytes(AsBytes(schema, value)),
            (AvroType.Bytes, _) => (writer, value) =>
                writer.WriteBytes(value is AvroDecimal number ? LogicalValues.DecimalToBytes(number, logicalType, null) : AsBytes(schema, value)),
            (AvroType.String, null) => (writer, value) => writer.WriteString(AsString(schema, value)),
            _ => (writer, value) =>
            {
                if (value is Guid uuid)
                {
                    Span<byte> text = stackalloc byte[36];
                    uuid.TryFormat(text, out _, "D");
                    writer.WriteBytes(text);
                }
                else
                {
                    writer.WriteString(AsString(schema, value));
                }
            },
        };
    }

    private static long AsLong(AvroSchema schema, object? value) => value switch
    {
        long l => l,
        int i => i,
        _ => throw Mismatch(schema, value),
    };

    private static byte[] AsBytes(AvroSchema schema, object? value) => value as byte[] ?? throw Mismatch(schema, value);

    private static string AsString(AvroSchema schema, object? value) => value as string ?? throw Mismatch(schema, value);

    private static AvroException Mismatch(AvroSchema schema, object? value) =>
        new($"Cannot write a value of type {value?.GetType().Name ?? "null"} as {schema.Describe()}.");
}

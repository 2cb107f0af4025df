namespace Streams.Avro;

/// <summary>
/// Builds, once per writer/reader schema pair, the tree of decoders that applies the spec's schema resolution
/// rules, so that decoding a value does not compare schemas.
/// </summary>
internal sealed class ResolverBuilder
{
    private static readonly object True = true;
    private static readonly object False = false;

    private readonly Dictionary<(RecordSchema Writer, RecordSchema Reader), ValueReader> _records = [];
    private readonly Dictionary<RecordSchema, ValueReader> _recordSkippers = [];

    /// <summary>
    /// When set, writer union branches and enum symbols the reader cannot take fail the build instead of failing
    /// only when data uses them: the schema-level question "can every writer value be read?".
    /// </summary>
    private readonly bool _strict;

    private ResolverBuilder(bool strict)
    {
        _strict = strict;
    }

    public static ValueReader Build(AvroSchema writer, AvroSchema reader) => new ResolverBuilder(strict: false).Resolve(writer, reader);

    /// <summary>Resolves as <see cref="Build"/> does, but also rejects writer union branches and enum symbols the reader cannot read.</summary>
    public static void CheckAllValuesReadable(AvroSchema writer, AvroSchema reader) => new ResolverBuilder(strict: true).Resolve(writer, reader);

    private ValueReader Resolve(AvroSchema writer, AvroSchema reader)
    {
        if (writer is UnionSchema writerUnion)
        {
            return ResolveWriterUnion(writerUnion, reader);
        }

        if (reader is UnionSchema readerUnion)
        {
            return Resolve(writer, readerUnion.Branches[FindReaderBranch(writer, readerUnion)]);
        }

        return (writer, reader) switch
        {
            (RecordSchema w, RecordSchema r) when NamesMatch(w, r) => ResolveRecord(w, r),
            (EnumSchema w, EnumSchema r) when NamesMatch(w, r) => ResolveEnum(w, r),
            (FixedSchema w, FixedSchema r) when NamesMatch(w, r) && w.Size == r.Size => ReadFixed(r),
            (ArraySchema w, ArraySchema r) => ReadArray(Resolve(w.Items, r.Items), w.Items),
            (MapSchema w, MapSchema r) => ReadMap(Resolve(w.Values, r.Values)),
            (PrimitiveSchema w, PrimitiveSchema r) => ReadPrimitive(w.Type, r) ?? throw Incompatible(writer, reader),
            _ => throw Incompatible(writer, reader),
        };
    }

    /// <summary>
    /// A writer branch that does not resolve is an error only if data actually uses it, so its decoder throws
    /// instead of failing the whole resolution.
    /// </summary>
    private ValueReader ResolveWriterUnion(UnionSchema writer, AvroSchema reader)
    {
        var branches = new ValueReader[writer.Branches.Count];
        for (var i = 0; i < branches.Length; i++)
        {
            try
            {
                branches[i] = Resolve(writer.Branches[i], reader);
            }
            catch (AvroSchemaException ex)
            {
                var message = $"Writer union branch {i} ({writer.Branches[i].Describe()}) cannot be read: {ex.Message}";
                if (_strict)
                {
                    throw new AvroSchemaException(message, ex);
                }

                branches[i] = (ref AvroBinaryReader _) => throw new AvroException(message);
            }
        }

        return ReadBranch(branches);
    }

    /// <summary>
    /// A reader branch of the writer's own type wins over an earlier branch the writer's type could be promoted to,
    /// as in the Java implementation; read literally, the spec (and avsc) would take the first match with promotion,
    /// which makes even identical schemas such as ["string", "bytes"] read bytes back as a string.
    /// </summary>
    private static int FindReaderBranch(AvroSchema writer, UnionSchema reader)
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < reader.Branches.Count; i++)
            {
                if (Matches(writer, reader.Branches[i], allowPromotion: pass == 1))
                {
                    return i;
                }
            }
        }

        throw new AvroSchemaException($"No branch of the reader's union matches the writer's {writer.Describe()}.");
    }

    private static bool Matches(AvroSchema writer, AvroSchema reader, bool allowPromotion) => (writer, reader) switch
    {
        (UnionSchema, _) or (_, UnionSchema) => true,
        (RecordSchema w, RecordSchema r) => NamesMatch(w, r),
        (EnumSchema w, EnumSchema r) => NamesMatch(w, r),
        (FixedSchema w, FixedSchema r) => NamesMatch(w, r) && w.Size == r.Size,
        (ArraySchema w, ArraySchema r) => Matches(w.Items, r.Items, allowPromotion: true),
        (MapSchema w, MapSchema r) => Matches(w.Values, r.Values, allowPromotion: true),
        (PrimitiveSchema w, PrimitiveSchema r) => w.Type == r.Type || (allowPromotion && ReadPrimitive(w.Type, r) is not null),
        _ => false,
    };

    /// <summary>The spec matches unqualified names; a reader alias may name the writer's full name.</summary>
    private static bool NamesMatch(NamedSchema writer, NamedSchema reader) =>
        writer.Name == reader.Name || reader.Aliases.Contains(writer.FullName);

    private ValueReader ResolveRecord(RecordSchema writer, RecordSchema reader)
    {
        if (_records.TryGetValue((writer, reader), out var existing))
        {
            return existing;
        }

        // A recursive record refers to itself through this proxy until its own decoder exists.
        ValueReader? built = null;
        _records[(writer, reader)] = (ref AvroBinaryReader input) => built!(ref input);
        try
        {
            var steps = new (int Position, ValueReader Read)[writer.Fields.Count];
            var matched = new bool[reader.Fields.Count];
            foreach (var writerField in writer.Fields)
            {
                var readerField = FindReaderField(reader, writerField.Name);
                if (readerField is null)
                {
                    steps[writerField.Position] = (-1, Skipper(writerField.Schema));
                    continue;
                }

                matched[readerField.Position] = true;
                try
                {
                    steps[writerField.Position] = (readerField.Position, Resolve(writerField.Schema, readerField.Schema));
                }
                catch (AvroSchemaException ex)
                {
                    throw new AvroSchemaException($"Field '{writerField.Name}' of record '{writer.FullName}': {ex.Message}", ex);
                }
            }

            var defaults = reader.Fields
                .Where(f => !matched[f.Position])
                .Select(f => f.HasDefault
                    ? (f.Position, f.DefaultValue)
                    : throw new AvroSchemaException($"Reader field '{f.Name}' of record '{reader.FullName}' is not in the writer's record and has no default."))
                .ToArray();

            built = (ref AvroBinaryReader input) =>
            {
                var record = new GenericRecord(reader);
                foreach (var (position, read) in steps)
                {
                    var value = read(ref input);
                    if (position >= 0)
                    {
                        record[position] = value;
                    }
                }

                foreach (var (position, value) in defaults)
                {
                    record[position] = GenericValues.DeepCopy(value);
                }

                return record;
            };
            _records[(writer, reader)] = built;
            return built;
        }
        catch (AvroSchemaException)
        {
            // The proxy would never get a target; drop it so that a union can still try other branches.
            _records.Remove((writer, reader));
            throw;
        }
    }

    private static AvroField? FindReaderField(RecordSchema reader, string writerFieldName) =>
        reader.TryGetField(writerFieldName, out var field)
            ? field
            : reader.Fields.FirstOrDefault(f => f.Aliases.Contains(writerFieldName));

    private ValueReader ResolveEnum(EnumSchema writer, EnumSchema reader)
    {
        if (_strict && reader.Default is null && writer.Symbols.FirstOrDefault(s => reader.IndexOf(s) < 0) is { } missing)
        {
            throw new AvroSchemaException($"Writer symbol '{missing}' is not in reader enum '{reader.FullName}', which has no default.");
        }

        var symbols = writer.Symbols
            .Select(s => reader.IndexOf(s) >= 0 ? reader.GetValue(s) : reader.Default is { } fallback ? reader.GetValue(fallback) : null)
            .ToArray();
        return (ref AvroBinaryReader input) =>
        {
            var index = input.ReadInt();
            if ((uint)index >= (uint)symbols.Length)
            {
                throw new AvroException($"Enum index {index} is out of range for writer enum '{writer.FullName}'.");
            }

            return symbols[index]
                ?? throw new AvroException($"Writer symbol '{writer.Symbols[index]}' is not in reader enum '{reader.FullName}', which has no default.");
        };
    }

    private static ValueReader ReadFixed(FixedSchema reader)
    {
        var logicalType = reader.LogicalType;
        return logicalType is null
            ? (ref AvroBinaryReader input) => new GenericFixed(reader, input.ReadFixed(reader.Size).ToArray())
            : (ref AvroBinaryReader input) => LogicalValues.FromBytes(input.ReadFixed(reader.Size), logicalType);
    }

    private static ValueReader ReadArray(ValueReader items, AvroSchema writerItems)
    {
        var itemsMayBeEmpty = MayEncodeToNothing(writerItems);
        return (ref AvroBinaryReader input) =>
        {
            var list = new List<object?>();
            for (var count = input.ReadBlockCount(); count != 0; count = input.ReadBlockCount())
            {
                CheckCount(count, ref input, itemsMayBeEmpty);
                list.EnsureCapacity(list.Count + (int)Math.Min(count, input.Remaining + 1));
                for (long i = 0; i < count; i++)
                {
                    list.Add(items(ref input));
                }
            }

            return list;
        };
    }

    private static ValueReader ReadMap(ValueReader values) => (ref AvroBinaryReader input) =>
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var count = input.ReadBlockCount(); count != 0; count = input.ReadBlockCount())
        {
            CheckCount(count, ref input, itemsMayBeEmpty: false);
            for (long i = 0; i < count; i++)
            {
                var key = input.ReadString();
                map[key] = values(ref input);
            }
        }

        return map;
    };

    /// <summary>Rejects corrupt counts early: items that take at least a byte cannot outnumber the bytes left.</summary>
    private static void CheckCount(long count, ref AvroBinaryReader input, bool itemsMayBeEmpty)
    {
        if (!itemsMayBeEmpty && count > input.Remaining)
        {
            throw new AvroException($"Block count {count} exceeds the {input.Remaining} bytes left.");
        }
    }

    private static bool MayEncodeToNothing(AvroSchema schema) => schema switch
    {
        RecordSchema => true,
        FixedSchema f => f.Size == 0,
        _ => schema.Type == AvroType.Null,
    };

    /// <summary>Returns the decoder for a primitive pair, or null when the writer's type cannot be promoted to the reader's.</summary>
    private static ValueReader? ReadPrimitive(AvroType writer, PrimitiveSchema reader)
    {
        var logicalType = reader.LogicalType;
        return (writer, reader.Type) switch
        {
            (AvroType.Null, AvroType.Null) => static (ref AvroBinaryReader _) => null,
            (AvroType.Boolean, AvroType.Boolean) => static (ref AvroBinaryReader input) => input.ReadBoolean() ? True : False,
            (AvroType.Int, AvroType.Int) => static (ref AvroBinaryReader input) => input.ReadInt(),
            (AvroType.Int or AvroType.Long, AvroType.Long) => logicalType is null
                ? static (ref AvroBinaryReader input) => input.ReadLong()
                : (ref AvroBinaryReader input) => LogicalValues.FromLong(input.ReadLong(), logicalType),
            (AvroType.Int or AvroType.Long, AvroType.Float) => static (ref AvroBinaryReader input) => (float)input.ReadLong(),
            (AvroType.Int or AvroType.Long, AvroType.Double) => static (ref AvroBinaryReader input) => (double)input.ReadLong(),
            (AvroType.Float, AvroType.Float) => static (ref AvroBinaryReader input) => input.ReadFloat(),
            (AvroType.Float, AvroType.Double) => static (ref AvroBinaryReader input) => (double)input.ReadFloat(),
            (AvroType.Double, AvroType.Double) => static (ref AvroBinaryReader input) => input.ReadDouble(),
            (AvroType.Bytes or AvroType.String, AvroType.Bytes) => (ref AvroBinaryReader input) => LogicalValues.FromBytes(input.ReadBytes(), logicalType),
            (AvroType.Bytes or AvroType.String, AvroType.String) => logicalType is null
                ? static (ref AvroBinaryReader input) => input.ReadString()
                : (ref AvroBinaryReader input) => LogicalValues.FromString(input.ReadString(), logicalType),
            _ => null,
        };
    }

    /// <summary>Returns a decoder that consumes a value of the writer schema and returns null: for writer fields the reader lacks.</summary>
    private ValueReader Skipper(AvroSchema writer)
    {
        switch (writer)
        {
            case RecordSchema record:
                return SkipRecord(record);
            case EnumSchema:
                return static (ref AvroBinaryReader input) => Discard(input.ReadLong());
            case FixedSchema fixedSchema:
                return (ref AvroBinaryReader input) => Discard(input.ReadFixed(fixedSchema.Size).Length);
            case ArraySchema array:
                return SkipBlocks(Skipper(array.Items), keyed: false);
            case MapSchema map:
                return SkipBlocks(Skipper(map.Values), keyed: true);
            case UnionSchema union:
                return ReadBranch(union.Branches.Select(Skipper).ToArray());
            default:
                return writer.Type switch
                {
                    AvroType.Null => static (ref AvroBinaryReader _) => null,
                    AvroType.Boolean => static (ref AvroBinaryReader input) => Discard(input.ReadFixed(1).Length),
                    AvroType.Int or AvroType.Long => static (ref AvroBinaryReader input) => Discard(input.ReadLong()),
                    AvroType.Float => static (ref AvroBinaryReader input) => Discard(input.ReadFixed(sizeof(float)).Length),
                    AvroType.Double => static (ref AvroBinaryReader input) => Discard(input.ReadFixed(sizeof(double)).Length),
                    _ => static (ref AvroBinaryReader input) => Discard(input.ReadBytes().Length),
                };
        }
    }

    private ValueReader SkipRecord(RecordSchema writer)
    {
        if (_recordSkippers.TryGetValue(writer, out var existing))
        {
            return existing;
        }

        ValueReader? built = null;
        _recordSkippers[writer] = (ref AvroBinaryReader input) => built!(ref input);
        var fields = writer.Fields.Select(f => Skipper(f.Schema)).ToArray();
        built = (ref AvroBinaryReader input) =>
        {
            foreach (var skip in fields)
            {
                skip(ref input);
            }

            return null;
        };
        _recordSkippers[writer] = built;
        return built;
    }

    /// <summary>Skips an array or map, jumping over whole blocks whose byte size the writer recorded.</summary>
    private static ValueReader SkipBlocks(ValueReader item, bool keyed) => (ref AvroBinaryReader input) =>
    {
        for (var count = input.ReadLong(); count != 0; count = input.ReadLong())
        {
            if (count < 0)
            {
                input.Skip(input.ReadLong());
                continue;
            }

            for (long i = 0; i < count; i++)
            {
                if (keyed)
                {
                    _ = input.ReadBytes();
                }

                item(ref input);
            }
        }

        return null;
    };

    private static ValueReader ReadBranch(ValueReader[] branches) => (ref AvroBinaryReader input) =>
    {
        var index = input.ReadInt();
        return (uint)index < (uint)branches.Length
            ? branches[index](ref input)
            : throw new AvroException($"Union branch index {index} is out of range for a union of {branches.Length} branches.");
    };

    private static object? Discard<T>(T _) => null;

    private static AvroSchemaException Incompatible(AvroSchema writer, AvroSchema reader) =>
        new($"Writer {writer.Describe()} cannot be read as reader {reader.Describe()}.");
}

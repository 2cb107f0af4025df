using System.Buffers;
using System.Numerics;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Streams.Avro.Tests;

public partial class PropertyTests
{
    private static readonly RecordSchema Sample = (RecordSchema)AvroSchema.Parse("""
        {"type": "record", "name": "Sample", "namespace": "prop", "fields": [
          {"name": "i", "type": "int"},
          {"name": "l", "type": "long"},
          {"name": "f", "type": "float"},
          {"name": "d", "type": "double"},
          {"name": "b", "type": "boolean"},
          {"name": "s", "type": "string"},
          {"name": "by", "type": "bytes"},
          {"name": "u", "type": ["null", "string", "long", {"type": "record", "name": "Inner", "fields": [{"name": "x", "type": "double"}]}]},
          {"name": "a", "type": {"type": "array", "items": "long"}},
          {"name": "m", "type": {"type": "map", "values": "int"}},
          {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B", "C"]}},
          {"name": "fx", "type": {"type": "fixed", "name": "Three", "size": 3}},
          {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros"}},
          {"name": "dec", "type": {"type": "bytes", "logicalType": "decimal", "precision": 30, "scale": 4}}
        ]}
        """);

    private static readonly string[] Characters = ["a", "Z", "0", " ", "\"", "\\", "\n", "é", "中", "😀", "\u0000"];

    [Property]
    public bool WriteLong_AnyValue_ReadsBackTheSameValue(long value)
    {
        // Arrange
        var buffer = new ArrayBufferWriter<byte>();

        // Act
        new AvroBinaryWriter(buffer).WriteLong(value);
        var reader = new AvroBinaryReader(buffer.WrittenSpan);

        // Assert
        return reader.ReadLong() == value && reader.Remaining == 0 && buffer.WrittenCount <= 10;
    }

    [Property]
    public bool WriteInt_AnyValue_ReadsBackAsIntWithinFiveBytes(int value)
    {
        // Arrange
        var buffer = new ArrayBufferWriter<byte>();

        // Act
        new AvroBinaryWriter(buffer).WriteInt(value);
        var reader = new AvroBinaryReader(buffer.WrittenSpan);

        // Assert
        return reader.ReadInt() == value && buffer.WrittenCount <= 5;
    }

    [Property]
    public bool Read_IntWrittenAndReadAsDouble_PromotesExactly(int value)
    {
        // Arrange
        var bytes = new GenericDatumWriter(PrimitiveSchema.Of(AvroType.Int)).Serialize(value);

        // Act
        var promoted = new GenericDatumReader(PrimitiveSchema.Of(AvroType.Int), PrimitiveSchema.Of(AvroType.Double)).Read(bytes);

        // Assert
        return promoted is double d && d == value;
    }

    [Property(MaxTest = 300)]
    public Property Serialize_RandomSampleRecord_RoundTrips() =>
        Prop.ForAll(SampleRecords().ToArbitrary(), record =>
        {
            // Arrange
            var writer = new GenericDatumWriter(Sample);

            // Act
            var bytes = writer.Serialize(record);
            var decoded = new GenericDatumReader(Sample).Read(bytes);

            // Assert
            return GenericValueComparer.Instance.Equals(record, decoded) && bytes.AsSpan().SequenceEqual(writer.Serialize(decoded));
        });

    [Property(MaxTest = 300)]
    public Property ToCanonicalForm_RandomSchema_IsIdempotentAndKeepsTheFingerprint() =>
        Prop.ForAll(SchemaJson().ToArbitrary(), json =>
        {
            // Arrange
            var schema = AvroSchema.Parse(json);

            // Act
            var reparsed = AvroSchema.Parse(schema.ToCanonicalForm());

            // Assert
            return reparsed.ToCanonicalForm() == schema.ToCanonicalForm()
                && AvroFingerprint.Crc64(reparsed) == AvroFingerprint.Crc64(schema);
        });

    private static Gen<string> Text() =>
        Gen.ListOf(Gen.Elements(Characters)).Select(parts => string.Concat(parts));

    private static Gen<byte[]> Bytes(int? length = null) =>
        length is { } n ? Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n) : Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>());

    private static Gen<GenericRecord> SampleRecords()
    {
        var inner = (RecordSchema)((UnionSchema)Sample.Fields[7].Schema).Branches[3];
        var enumSchema = (EnumSchema)Sample.Fields[10].Schema;
        var fixedSchema = (FixedSchema)Sample.Fields[11].Schema;
        var longs = ArbMap.Default.GeneratorFor<long>();
        var union = Gen.OneOf(
            Gen.Constant<object?>(null),
            Text().Select(s => (object?)s),
            longs.Select(l => (object?)l),
            ArbMap.Default.GeneratorFor<double>().Select(x => (object?)new GenericRecord(inner) { ["x"] = x }));
        var map = Gen.ListOf(Gen.Zip(Text(), ArbMap.Default.GeneratorFor<int>()))
            .Select(pairs => (object?)pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => (object?)p.Item2));
        var micros = Gen.Choose(-100_000, 100_000).Select(days => DateTimeOffset.UnixEpoch.AddTicks(days * TimeSpan.TicksPerDay / 7 / 10 * 10));
        var decimals = Gen.Zip(longs, Gen.Choose(0, 4)).Select(p => new AvroDecimal(new BigInteger(p.Item1) * 1000, 4));

        var fields = new Gen<object?>[]
        {
            ArbMap.Default.GeneratorFor<int>().Select(v => (object?)v),
            longs.Select(v => (object?)v),
            ArbMap.Default.GeneratorFor<float>().Select(v => (object?)v),
            ArbMap.Default.GeneratorFor<double>().Select(v => (object?)v),
            ArbMap.Default.GeneratorFor<bool>().Select(v => (object?)v),
            Text().Select(v => (object?)v),
            Bytes().Select(v => (object?)v),
            union,
            Gen.ListOf(longs).Select(v => (object?)v.Select(x => (object?)x).ToList()),
            map,
            Gen.Elements(enumSchema.Symbols.ToArray()).Select(v => (object?)enumSchema.GetValue(v)),
            Bytes(fixedSchema.Size).Select(v => (object?)new GenericFixed(fixedSchema, v)),
            micros.Select(v => (object?)v),
            decimals.Select(v => (object?)v),
        };
        return Gen.CollectToArray(fields).Select(values =>
        {
            var record = new GenericRecord(Sample);
            for (var i = 0; i < values.Length; i++)
            {
                record[i] = values[i];
            }

            return record;
        });
    }

    /// <summary>Random schemas with varied attribute order, extra attributes and whitespace; "§" is replaced by unique names.</summary>
    private static Gen<string> SchemaJson() =>
        Gen.Sized(size => SchemaNode(Math.Min(size, 12) / 4)).Select(json =>
        {
            var counter = 0;
            return Placeholder().Replace(json, _ => $"N{counter++}");
        });

    private static Gen<string> SchemaNode(int depth)
    {
        string[] primitives = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];
        var primitive = Gen.OneOf(
            Gen.Elements(primitives).Select(p => $"\"{p}\""),
            Gen.Elements(primitives).Select(p => $"{{ \"doc\": \"x\", \"type\": \"{p}\" }}"),
            Gen.Constant("""{"type": "long", "logicalType": "timestamp-millis"}"""));
        var named = Gen.OneOf(
            Gen.Elements("A", "B", "C").ListOf().Select(s => s.Distinct().ToList())
                .Where(s => s.Count > 0)
                .Select(s => $"{{\"symbols\": [{string.Join(", ", s.Select(x => $"\"{x}\""))}], \"type\": \"enum\", \"name\": \"§\", \"aliases\": [\"Old\"]}}"),
            Gen.Choose(0, 20).Select(n => $"{{\"size\": {n}, \"name\": \"ns.§\", \"type\": \"fixed\"}}"));
        var union = Gen.SubListOf(primitives).Where(s => s.Count > 0).Select(s => $"[{string.Join(",", s.Select(x => $"\"{x}\""))}]");
        if (depth <= 0)
        {
            return Gen.OneOf(primitive, named, union);
        }

        var child = SchemaNode(depth - 1);
        return Gen.OneOf(
            primitive,
            named,
            union,
            child.Select(c => $"{{\"items\": {c}, \"type\": \"array\"}}"),
            child.Select(c => $"{{\"type\": \"map\", \"values\": {c}, \"doc\": \"m\"}}"),
            Gen.ListOf(child, 3).Select(cs =>
                $"{{\"type\": \"record\", \"name\": \"§\", \"namespace\": \"a.b\", \"fields\": [{string.Join(", ", cs.Select((c, i) => $"{{\"name\": \"f{i}\", \"type\": {c}, \"doc\": \"d\"}}"))}]}}"));
    }

    [GeneratedRegex("§")]
    private static partial Regex Placeholder();
}

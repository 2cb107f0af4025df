using System.Collections;

namespace Streams.Avro;

/// <summary>Picks the union branch a generic value is written as.</summary>
internal static class UnionBranches
{
    /// <summary>
    /// The first branch of the value's own type wins; failing that, the first branch the value can be promoted
    /// or converted to (an int to a long, a string to a uuid or enum symbol, and so on).
    /// </summary>
    public static int Select(UnionSchema union, object? value)
    {
        var branches = union.Branches;
        for (var i = 0; i < branches.Count; i++)
        {
            if (Matches(branches[i], value, exact: true))
            {
                return i;
            }
        }

        for (var i = 0; i < branches.Count; i++)
        {
            if (Matches(branches[i], value, exact: false))
            {
                return i;
            }
        }

        throw new AvroException($"No branch of union [{string.Join(", ", branches.Select(b => b.Describe()))}] accepts a value of type {value?.GetType().Name ?? "null"}.");
    }

    private static bool Matches(AvroSchema schema, object? value, bool exact)
    {
        var type = schema.Type;
        var plain = schema.LogicalType is null;
        var logical = schema.LogicalType?.Kind ?? AvroLogicalKind.None;
        return value switch
        {
            null => type == AvroType.Null,
            bool => type == AvroType.Boolean,
            int => exact ? type == AvroType.Int : type is AvroType.Long or AvroType.Float or AvroType.Double,
            long => exact ? type == AvroType.Long && plain : type is AvroType.Long or AvroType.Float or AvroType.Double,
            float => exact ? type == AvroType.Float : type == AvroType.Double,
            double => type == AvroType.Double,
            string symbol => exact
                ? type == AvroType.String && plain
                : logical == AvroLogicalKind.Uuid || (schema is EnumSchema e && e.IndexOf(symbol) >= 0),
            byte[] => type == AvroType.Bytes && (plain || !exact),
            Guid => logical == AvroLogicalKind.Uuid,
            DateTimeOffset => logical is AvroLogicalKind.TimestampMillis or AvroLogicalKind.TimestampMicros,
            AvroDecimal => logical == AvroLogicalKind.Decimal,
            GenericRecord record => schema is RecordSchema r && r.FullName == record.Schema.FullName,
            GenericEnumSymbol symbol => schema is EnumSchema e && e.FullName == symbol.Schema.FullName,
            GenericFixed fixedValue => schema is FixedSchema f && f.FullName == fixedValue.Schema.FullName,
            IDictionary => type == AvroType.Map,
            IList => type == AvroType.Array,
            _ => false,
        };
    }
}

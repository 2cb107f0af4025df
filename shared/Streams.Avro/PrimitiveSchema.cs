namespace Streams.Avro;

/// <summary>A primitive schema: null, boolean, int, long, float, double, bytes or string, possibly with a logical type.</summary>
public sealed class PrimitiveSchema : AvroSchema
{
    private static readonly PrimitiveSchema[] Plain =
    [
        new(AvroType.Null, null),
        new(AvroType.Boolean, null),
        new(AvroType.Int, null),
        new(AvroType.Long, null),
        new(AvroType.Float, null),
        new(AvroType.Double, null),
        new(AvroType.Bytes, null),
        new(AvroType.String, null),
    ];

    internal PrimitiveSchema(AvroType type, AvroLogicalType? logicalType)
        : base(type, logicalType)
    {
    }

    /// <summary>Returns the shared schema of a primitive type without a logical type.</summary>
    /// <param name="type">A primitive type, <see cref="AvroType.Null"/> to <see cref="AvroType.String"/>.</param>
    /// <returns>The schema.</returns>
    public static PrimitiveSchema Of(AvroType type) =>
        type <= AvroType.String ? Plain[(int)type] : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a primitive type.");

    internal static bool TryGetType(string name, out AvroType type)
    {
        type = name switch
        {
            "null" => AvroType.Null,
            "boolean" => AvroType.Boolean,
            "int" => AvroType.Int,
            "long" => AvroType.Long,
            "float" => AvroType.Float,
            "double" => AvroType.Double,
            "bytes" => AvroType.Bytes,
            "string" => AvroType.String,
            _ => AvroType.Record,
        };
        return type != AvroType.Record;
    }
}

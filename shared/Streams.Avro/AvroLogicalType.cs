namespace Streams.Avro;

/// <summary>A valid logical type annotation on a schema.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members are named after the Avro specification's types.")]
public sealed class AvroLogicalType
{
    private AvroLogicalType(AvroLogicalKind kind, string name, int precision, int scale)
    {
        Kind = kind;
        Name = name;
        Precision = precision;
        Scale = scale;
    }

    /// <summary>The <c>uuid</c> logical type.</summary>
    public static AvroLogicalType Uuid { get; } = new(AvroLogicalKind.Uuid, "uuid", 0, 0);

    /// <summary>The <c>timestamp-millis</c> logical type.</summary>
    public static AvroLogicalType TimestampMillis { get; } = new(AvroLogicalKind.TimestampMillis, "timestamp-millis", 0, 0);

    /// <summary>The <c>timestamp-micros</c> logical type.</summary>
    public static AvroLogicalType TimestampMicros { get; } = new(AvroLogicalKind.TimestampMicros, "timestamp-micros", 0, 0);

    /// <summary>Which logical type this is.</summary>
    public AvroLogicalKind Kind { get; }

    /// <summary>The name used in the <c>logicalType</c> attribute.</summary>
    public string Name { get; }

    /// <summary>The maximum number of digits of a <c>decimal</c>; 0 for other logical types.</summary>
    public int Precision { get; }

    /// <summary>The number of digits after the point of a <c>decimal</c>; 0 for other logical types.</summary>
    public int Scale { get; }

    /// <summary>Only the parser creates decimals: it has checked precision and scale, and ignores invalid ones.</summary>
    internal static AvroLogicalType Decimal(int precision, int scale) => new(AvroLogicalKind.Decimal, "decimal", precision, scale);
}

namespace Streams.Avro;

/// <summary>The logical types this library understands.</summary>
/// <remarks>Any other <c>logicalType</c> annotation, and any invalid one, is ignored as the spec requires.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members are named after the Avro specification's types.")]
public enum AvroLogicalKind
{
    /// <summary>No logical type: values use the underlying type's representation.</summary>
    None,

    /// <summary><c>decimal</c> on <c>bytes</c> or <c>fixed</c>; values are <see cref="AvroDecimal"/>.</summary>
    Decimal,

    /// <summary><c>uuid</c> on <c>string</c>; values are <see cref="Guid"/>.</summary>
    Uuid,

    /// <summary><c>timestamp-millis</c> on <c>long</c>; values are UTC <see cref="DateTimeOffset"/>.</summary>
    TimestampMillis,

    /// <summary><c>timestamp-micros</c> on <c>long</c>; values are UTC <see cref="DateTimeOffset"/>.</summary>
    TimestampMicros,
}

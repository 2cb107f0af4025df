namespace Streams.Avro;

/// <summary>The Avro schema types.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members are named after the Avro specification's types.")]
public enum AvroType
{
    /// <summary>The <c>null</c> primitive.</summary>
    Null,

    /// <summary>The <c>boolean</c> primitive.</summary>
    Boolean,

    /// <summary>The <c>int</c> primitive (32-bit signed).</summary>
    Int,

    /// <summary>The <c>long</c> primitive (64-bit signed).</summary>
    Long,

    /// <summary>The <c>float</c> primitive (IEEE 754 single precision).</summary>
    Float,

    /// <summary>The <c>double</c> primitive (IEEE 754 double precision).</summary>
    Double,

    /// <summary>The <c>bytes</c> primitive.</summary>
    Bytes,

    /// <summary>The <c>string</c> primitive (UTF-8).</summary>
    String,

    /// <summary>A named record.</summary>
    Record,

    /// <summary>A named enumeration.</summary>
    Enum,

    /// <summary>An array of one item type.</summary>
    Array,

    /// <summary>A map from string keys to one value type.</summary>
    Map,

    /// <summary>A union of branch schemas.</summary>
    Union,

    /// <summary>A named fixed-size byte sequence.</summary>
    Fixed,
}

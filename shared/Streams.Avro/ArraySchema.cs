namespace Streams.Avro;

/// <summary>An array schema.</summary>
public sealed class ArraySchema : AvroSchema
{
    internal ArraySchema(AvroSchema items)
        : base(AvroType.Array, null)
    {
        Items = items;
    }

    /// <summary>The schema of the items.</summary>
    public AvroSchema Items { get; }
}

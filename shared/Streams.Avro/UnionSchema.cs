namespace Streams.Avro;

/// <summary>A union schema.</summary>
public sealed class UnionSchema : AvroSchema
{
    internal UnionSchema(IReadOnlyList<AvroSchema> branches)
        : base(AvroType.Union, null)
    {
        Branches = branches;
    }

    /// <summary>The branches in order; the encoding writes the index of the value's branch.</summary>
    public IReadOnlyList<AvroSchema> Branches { get; }
}

namespace Streams.Avro;

/// <summary>A map schema; keys are strings.</summary>
public sealed class MapSchema : AvroSchema
{
    internal MapSchema(AvroSchema values)
        : base(AvroType.Map, null)
    {
        Values = values;
    }

    /// <summary>The schema of the values.</summary>
    public AvroSchema Values { get; }
}

using Avro;

namespace Streams.SchemaRegistry.Compatibility;

/// <summary>Which primitive a reader reads a writer's primitive as: the same type, or one of the specification's promotions.</summary>
internal static class AvroPromotions
{
    public static bool CanRead(Schema.Type reader, Schema.Type writer) => reader == writer || (writer, reader) switch
    {
        (Schema.Type.Int, Schema.Type.Long or Schema.Type.Float or Schema.Type.Double) => true,
        (Schema.Type.Long, Schema.Type.Float or Schema.Type.Double) => true,
        (Schema.Type.Float, Schema.Type.Double) => true,
        (Schema.Type.String, Schema.Type.Bytes) or (Schema.Type.Bytes, Schema.Type.String) => true,
        _ => false,
    };
}

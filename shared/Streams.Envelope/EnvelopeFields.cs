namespace Streams.Envelope;

/// <summary>The envelope record's field names, in the order <see cref="EnvelopeSerializer"/> maps them.</summary>
internal static class EnvelopeFields
{
    public static readonly string[] All =
        ["id", "source", "type", "specversion", "time", "subject", "datacontenttype", "dataschema", "extensions", "data", "data_encoding"];
}

using Streams.SchemaRegistry.Compatibility;

namespace Streams.SchemaRegistry.Storage;

/// <summary>A record of the <c>_schemas</c> topic, decoded.</summary>
internal abstract record SchemaLogRecord
{
    private SchemaLogRecord()
    {
    }

    /// <summary>A version of a subject; a null <paramref name="Value"/> (tombstone) deletes it for good.</summary>
    public sealed record SchemaRecord(string Subject, int Version, SchemaVersion? Value) : SchemaLogRecord;

    /// <summary>A compatibility level, global when <paramref name="Subject"/> is null; a null level removes a subject's own level.</summary>
    public sealed record ConfigRecord(string? Subject, CompatibilityLevel? Level) : SchemaLogRecord;
}

namespace Streams.SchemaRegistry.Storage;

/// <summary>One version of a subject.</summary>
/// <param name="Subject">The subject.</param>
/// <param name="Version">The version number, from 1.</param>
/// <param name="Id">The schema's global id.</param>
/// <param name="Schema">The schema's JSON text, compact (see <see cref="SchemaText"/>).</param>
/// <param name="Deleted">Soft-deleted: hidden from listings, still readable by id.</param>
internal sealed record SchemaVersion(string Subject, int Version, int Id, string Schema, bool Deleted);

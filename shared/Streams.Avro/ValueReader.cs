namespace Streams.Avro;

/// <summary>Decodes one value written with a writer schema into the reader schema's representation; built by <see cref="ResolverBuilder"/>.</summary>
internal delegate object? ValueReader(ref AvroBinaryReader reader);

namespace Streams.Avro;

/// <summary>Encodes one value of a schema; built once per schema by <see cref="WriterBuilder"/>.</summary>
internal delegate void ValueWriter(AvroBinaryWriter writer, object? value);

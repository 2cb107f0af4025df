namespace Streams.Avro;

/// <summary>
/// Schema-level compatibility, as a schema registry checks it: whether data written with one schema can always be
/// read with another under the specification's resolution rules.
/// </summary>
/// <remarks>
/// Stricter than building a <see cref="GenericDatumReader"/>, which accepts a writer union branch or enum symbol the
/// reader cannot take and fails only when a value actually uses it; here such a branch or symbol makes the pair
/// incompatible, as in the Java implementation's <c>SchemaCompatibility</c>.
/// </remarks>
public static class AvroSchemaCompatibility
{
    /// <summary>Checks whether every value written with <paramref name="writer"/> can be read with <paramref name="reader"/>.</summary>
    /// <param name="writer">The schema the data is written with.</param>
    /// <param name="reader">The schema the data is read with.</param>
    /// <param name="incompatibility">When incompatible, what is wrong; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the reader can read everything the writer writes.</returns>
    public static bool CanRead(AvroSchema writer, AvroSchema reader, out string? incompatibility)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(reader);
        try
        {
            ResolverBuilder.CheckAllValuesReadable(writer, reader);
            incompatibility = null;
            return true;
        }
        catch (AvroSchemaException ex)
        {
            incompatibility = ex.Message;
            return false;
        }
    }
}

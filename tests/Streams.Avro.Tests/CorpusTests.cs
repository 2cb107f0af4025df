namespace Streams.Avro.Tests;

public class CorpusTests
{
    [Theory]
    [MemberData(nameof(CorpusCase.All), MemberType = typeof(CorpusCase))]
    public void RoundTrip_CorpusValues_DecodeToTheValuesEncoded(string fileName)
    {
        // Arrange
        var corpusCase = CorpusCase.Load(fileName);
        var schema = AvroSchema.Parse(corpusCase.Schema);
        var writer = new GenericDatumWriter(schema);
        var reader = new GenericDatumReader(schema);

        foreach (var json in corpusCase.Values)
        {
            var value = AvroJson.Decode(schema, json);

            // Act
            var bytes = writer.Serialize(value);
            var decoded = reader.Read(bytes);

            // Assert
            Assert.Equal(value, decoded, GenericValueComparer.Instance);
            Assert.Equal(bytes, writer.Serialize(decoded));
        }
    }

    [Theory]
    [MemberData(nameof(CorpusCase.All), MemberType = typeof(CorpusCase))]
    public void ToCanonicalForm_CorpusSchema_IsIdempotent(string fileName)
    {
        // Arrange
        var canonical = AvroSchema.Parse(CorpusCase.Load(fileName).Schema).ToCanonicalForm();

        // Act
        var again = AvroSchema.Parse(canonical).ToCanonicalForm();

        // Assert
        Assert.Equal(canonical, again);
    }
}

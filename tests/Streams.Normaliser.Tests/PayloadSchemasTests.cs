using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Tests;

public sealed class PayloadSchemasTests : IDisposable
{
    private const string OrderSchema = """
        {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","required":["orderId","amount"],
         "properties":{"orderId":{"type":"string"},"amount":{"type":"number","minimum":0}}}
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("normaliser-schemas-");

    [Fact]
    public void Normalise_DataFailsItsTypesSchema_InvalidWithTheSchemaError()
    {
        // Arrange
        var schemas = Load();

        // Act
        var result = Normalise.Json("""{"specversion":"1.0","id":"1","source":"/s","type":"order.created","data":{"amount":-1}}""", schemas: schemas);

        // Assert
        Assert.Equal(NormalisationOutcome.Invalid, result.Outcome);
        Assert.Equal(EventNormaliser.Schema, result.Reason);
        Assert.Equal("schema: data does not match the schema of 'order.created': PropertyRequired at #/orderId; NumberTooSmall at #/amount", result.Detail);
    }

    [Fact]
    public void Normalise_DataMatchesItsSchema_Normalised()
    {
        // Arrange
        var schemas = Load();

        // Act
        var result = Normalise.Json("""{"specversion":"1.0","id":"1","source":"/s","type":"order.created","data":{"orderId":"o1","amount":3}}""", schemas: schemas);

        // Assert
        Assert.Equal(NormalisationOutcome.Normalised, result.Outcome);
    }

    [Theory]
    [InlineData(false, NormalisationOutcome.Normalised)]
    [InlineData(true, NormalisationOutcome.Invalid)]
    public void Normalise_TypeWithoutSchema_PassesUnlessRejected(bool reject, NormalisationOutcome expected)
    {
        // Arrange
        var schemas = Load(reject);

        // Act
        var result = Normalise.Json("""{"specversion":"1.0","id":"1","source":"/s","type":"other","data":{}}""", schemas: schemas);

        // Assert
        Assert.Equal(expected, result.Outcome);
    }

    [Fact]
    public void Normalise_SchemaTypeWithBinaryData_Invalid()
    {
        // Arrange
        var schemas = Load();

        // Act
        var result = Normalise.Json("""{"specversion":"1.0","id":"1","source":"/s","type":"order.created","data_base64":"AA=="}""", schemas: schemas);

        // Assert
        Assert.Contains("must be JSON, not data_base64", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_NotASchema_ThrowsNamingTheFile()
    {
        // Arrange
        var file = Path.Combine(_folder.FullName, "broken.json");
        File.WriteAllText(file, "{ not json");

        // Act
        var exception = Assert.Throws<InvalidDataException>(() => PayloadSchemas.LoadFile(file));

        // Assert
        Assert.Contains(file, exception.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private PayloadSchemas Load(bool reject = false)
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "order.created.json"), OrderSchema);
        var schemas = PayloadSchemas.Load(_folder.FullName, reject);
        Assert.Equal(1, schemas.Count);
        return schemas;
    }
}

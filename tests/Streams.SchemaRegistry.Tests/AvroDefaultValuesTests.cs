using Avro;
using Streams.SchemaRegistry.Api;

namespace Streams.SchemaRegistry.Tests;

public class AvroDefaultValuesTests
{
    [Theory]
    [InlineData("\"int\"", "7", true)]
    [InlineData("\"int\"", "\"text\"", false)]
    [InlineData("\"int\"", "2147483648", false)]
    [InlineData("\"int\"", "1.5", false)]
    [InlineData("\"long\"", "9007199254740993", true)]
    [InlineData("\"double\"", "1", true)]
    [InlineData("\"boolean\"", "0", false)]
    [InlineData("\"string\"", "\"2024-01-01T00:00:00Z\"", true)]
    [InlineData("\"string\"", "null", false)]
    [InlineData("""["null","string"]""", "null", true)]
    [InlineData("""["null","string"]""", "\"first branch only\"", false)]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","B"]}""", "\"B\"", true)]
    [InlineData("""{"type":"enum","name":"E","symbols":["A","B"]}""", "\"C\"", false)]
    [InlineData("""{"type":"array","items":"int"}""", "[1,2]", true)]
    [InlineData("""{"type":"array","items":"int"}""", """[1,"2"]""", false)]
    [InlineData("""{"type":"map","values":"boolean"}""", """{"a":true}""", true)]
    [InlineData("""{"type":"map","values":"boolean"}""", """{"a":1}""", false)]
    [InlineData("""{"type":"record","name":"In","fields":[{"name":"x","type":"int"},{"name":"y","type":"int","default":0}]}""", """{"x":1}""", true)]
    [InlineData("""{"type":"record","name":"In","fields":[{"name":"x","type":"int"}]}""", "{}", false)]
    [InlineData("""{"type":"long","logicalType":"timestamp-millis"}""", "0", true)]
    public void FirstInvalid_FieldDefault_NamesTheFieldUnlessTheDefaultFitsItsType(string type, string value, bool fits)
    {
        // Act
        var problem = AvroDefaultValues.FirstInvalid(RecordWithDefault(type, value));

        // Assert
        if (fits)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.Contains("field 'f' in record 'Outer'", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FirstInvalid_BadDefaultInANestedRecord_IsFound()
    {
        // Arrange
        var schema = Schema.Parse("""{"type":"record","name":"Outer","fields":[{"name":"inner","type":{"type":"array","items":{"type":"record","name":"Inner","fields":[{"name":"n","type":"int","default":"x"}]}}}]}""");

        // Act
        var problem = AvroDefaultValues.FirstInvalid(schema);

        // Assert
        Assert.Contains("field 'n' in record 'Inner'", problem, StringComparison.Ordinal);
    }

    private static Schema RecordWithDefault(string type, string value) =>
        Schema.Parse($$"""{"type":"record","name":"Outer","fields":[{"name":"f","type":{{type}},"default":{{value}}}]}""");
}

namespace Streams.Avro.Tests;

public class SchemaParserTests
{
    [Theory]
    [InlineData("\"null\"", AvroType.Null)]
    [InlineData("\"boolean\"", AvroType.Boolean)]
    [InlineData("\"int\"", AvroType.Int)]
    [InlineData("\"long\"", AvroType.Long)]
    [InlineData("\"float\"", AvroType.Float)]
    [InlineData("\"double\"", AvroType.Double)]
    [InlineData("\"bytes\"", AvroType.Bytes)]
    [InlineData("{\"type\": \"string\"}", AvroType.String)]
    public void Parse_PrimitiveType_ReturnsPrimitiveSchema(string json, AvroType expected)
    {
        // Act
        var schema = AvroSchema.Parse(json);

        // Assert
        Assert.IsType<PrimitiveSchema>(schema);
        Assert.Equal(expected, schema.Type);
    }

    [Fact]
    public void Parse_NestedNamedTypes_ApplyNamespaceRules()
    {
        // Arrange
        const string json = """
            {"type": "record", "name": "Outer", "namespace": "a.b", "fields": [
              {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": []}},
              {"name": "dotted", "type": {"type": "enum", "name": "x.Kind", "namespace": "ignored", "symbols": ["A"]}},
              {"name": "nested", "type": {"type": "record", "name": "Deep", "namespace": "c", "fields": [
                {"name": "f", "type": {"type": "fixed", "name": "F", "size": 1}}]}},
              {"name": "empty", "type": {"type": "fixed", "name": "G", "namespace": "", "size": 1}},
              {"name": "leadingDot", "type": {"type": "fixed", "name": ".H", "size": 1}}
            ]}
            """;

        // Act
        var outer = (RecordSchema)AvroSchema.Parse(json);

        // Assert
        Assert.Equal("a.b.Outer", outer.FullName);
        Assert.Equal("a.b.Inner", ((NamedSchema)outer.Fields[0].Schema).FullName);
        var kind = (NamedSchema)outer.Fields[1].Schema;
        Assert.Equal(("Kind", "x", "x.Kind"), (kind.Name, kind.Namespace, kind.FullName));
        var deep = (RecordSchema)outer.Fields[2].Schema;
        Assert.Equal("c.F", ((NamedSchema)deep.Fields[0].Schema).FullName);
        Assert.Null(((NamedSchema)outer.Fields[3].Schema).Namespace);
        Assert.Equal("H", ((NamedSchema)outer.Fields[4].Schema).FullName);
    }

    [Fact]
    public void Parse_ReferencesToEarlierNamedTypes_ReturnTheSameInstance()
    {
        // Arrange
        const string json = """
            {"type": "record", "name": "R", "namespace": "n", "fields": [
              {"name": "a", "type": {"type": "enum", "name": "E", "symbols": ["X"]}},
              {"name": "b", "type": "E"},
              {"name": "c", "type": "n.E"},
              {"name": "d", "type": {"type": "n.E"}},
              {"name": "e", "type": {"type": "record", "name": "Top", "namespace": "", "fields": []}},
              {"name": "f", "type": "Top"}
            ]}
            """;

        // Act
        var record = (RecordSchema)AvroSchema.Parse(json);

        // Assert
        var enumSchema = record.Fields[0].Schema;
        Assert.Same(enumSchema, record.Fields[1].Schema);
        Assert.Same(enumSchema, record.Fields[2].Schema);
        Assert.Same(enumSchema, record.Fields[3].Schema);
        Assert.Same(record.Fields[4].Schema, record.Fields[5].Schema);
    }

    [Fact]
    public void Parse_RecursiveRecord_FieldRefersToRecord()
    {
        // Act
        var record = (RecordSchema)AvroSchema.Parse("""{"type": "record", "name": "Node", "fields": [{"name": "children", "type": {"type": "array", "items": "Node"}}]}""");

        // Assert
        Assert.Same(record, ((ArraySchema)record.Fields[0].Schema).Items);
    }

    [Fact]
    public void Parse_Aliases_AreQualifiedWithTheTypesNamespace()
    {
        // Act
        var schema = (NamedSchema)AvroSchema.Parse("""{"type": "fixed", "name": "a.b", "size": 1, "aliases": ["c", "x.y"]}""");

        // Assert
        Assert.Equal(["a.c", "x.y"], schema.Aliases);
    }

    [Fact]
    public void Parse_FieldDefaults_AreDecodedPerTheSpec()
    {
        // Arrange
        const string json = """
            {"type": "record", "name": "R", "fields": [
              {"name": "u", "type": ["null", "string"], "default": null},
              {"name": "v", "type": ["long", "null"], "default": 7},
              {"name": "b", "type": "bytes", "default": "\u00ffA"},
              {"name": "r", "type": {"type": "record", "name": "S", "fields": [{"name": "x", "type": "int", "default": 3}]}, "default": {}},
              {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["P", "Q"]}, "default": "Q"},
              {"name": "m", "type": {"type": "map", "values": "double"}, "default": {"k": 1}},
              {"name": "t", "type": {"type": "long", "logicalType": "timestamp-millis"}, "default": 1000},
              {"name": "none", "type": "int"}
            ]}
            """;

        // Act
        var record = (RecordSchema)AvroSchema.Parse(json);

        // Assert
        Assert.True(record.Fields[0].HasDefault);
        Assert.Null(record.Fields[0].DefaultValue);
        Assert.Equal(7L, record.Fields[1].DefaultValue);
        Assert.Equal(new byte[] { 0xFF, 0x41 }, record.Fields[2].DefaultValue);
        Assert.Equal(3, ((GenericRecord)record.Fields[3].DefaultValue!)["x"]);
        Assert.Equal("Q", ((GenericEnumSymbol)record.Fields[4].DefaultValue!).Symbol);
        Assert.Equal(1.0, ((IDictionary<string, object?>)record.Fields[5].DefaultValue!)["k"]);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddSeconds(1), record.Fields[6].DefaultValue);
        Assert.False(record.Fields[7].HasDefault);
    }

    [Theory]
    [InlineData("""{"type": "long", "logicalType": "timestamp-millis"}""", AvroLogicalKind.TimestampMillis)]
    [InlineData("""{"type": "long", "logicalType": "timestamp-micros"}""", AvroLogicalKind.TimestampMicros)]
    [InlineData("""{"type": "string", "logicalType": "uuid"}""", AvroLogicalKind.Uuid)]
    [InlineData("""{"type": "bytes", "logicalType": "decimal", "precision": 40, "scale": 40}""", AvroLogicalKind.Decimal)]
    [InlineData("""{"type": "fixed", "name": "D", "size": 16, "logicalType": "decimal", "precision": 38}""", AvroLogicalKind.Decimal)]
    public void Parse_ValidLogicalType_IsRecorded(string json, AvroLogicalKind expected)
    {
        // Act
        var schema = AvroSchema.Parse(json);

        // Assert
        Assert.Equal(expected, schema.LogicalType?.Kind);
    }

    [Theory]
    [InlineData("""{"type": "bytes", "logicalType": "decimal", "precision": 2, "scale": 3}""")]
    [InlineData("""{"type": "bytes", "logicalType": "decimal", "precision": 0}""")]
    [InlineData("""{"type": "bytes", "logicalType": "decimal", "scale": 1}""")]
    [InlineData("""{"type": "bytes", "logicalType": "decimal", "precision": 4, "scale": -1}""")]
    [InlineData("""{"type": "fixed", "name": "D", "size": 16, "logicalType": "decimal", "precision": 39}""")]
    [InlineData("""{"type": "string", "logicalType": "decimal", "precision": 4}""")]
    [InlineData("""{"type": "int", "logicalType": "uuid"}""")]
    [InlineData("""{"type": "int", "logicalType": "timestamp-millis"}""")]
    [InlineData("""{"type": "long", "logicalType": "no-such-type"}""")]
    [InlineData("""{"type": "long", "logicalType": 5}""")]
    public void Parse_InvalidLogicalType_IsIgnored(string json)
    {
        // Act
        var schema = AvroSchema.Parse(json);

        // Assert
        Assert.Null(schema.LogicalType);
    }

    [Theory]
    [InlineData("\"nosuch\"", "Unknown type 'nosuch'")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": "Later"}, {"name": "b", "type": {"type": "fixed", "name": "Later", "size": 1}}]}""", "Unknown type 'Later'")]
    [InlineData("""["int", {"type": "fixed", "name": "F", "size": 1}, {"type": "enum", "name": "F", "symbols": ["A"]}]""", "Duplicate name: 'F'")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"type": "int"}]}""", "missing its 'name'")]
    [InlineData("""{"type": "record", "fields": []}""", "missing its 'name'")]
    [InlineData("""{"type": "record", "name": "R"}""", "missing its 'fields'")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a"}]}""", "missing its 'type'")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "a", "type": "long"}]}""", "more than one field named 'a'")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int", "default": "x"}]}""", "Bad default for field 'a'")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int", "default": 2147483648}]}""", "Bad default for field 'a'")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": ["null", "int"], "default": 1}]}""", "Bad default for field 'a'")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": {"type": "fixed", "name": "F", "size": 2}, "default": "a"}]}""", "Bad default for field 'a'")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int", "order": "up"}]}""", "order 'up'")]
    [InlineData("""{"type": "record", "name": "1R", "fields": []}""", "not a valid Avro record name")]
    [InlineData("""{"type": "record", "name": "R", "namespace": "a..b", "fields": []}""", "not a valid Avro record name")]
    [InlineData("""{"type": "record", "name": "R", "fields": [{"name": "a-b", "type": "int"}]}""", "not a valid Avro name")]
    [InlineData("""{"type": "record", "name": "int", "fields": []}""", "cannot be redefined")]
    [InlineData("""{"type": "enum", "name": "E", "symbols": ["A", "A"]}""", "symbol 'A' more than once")]
    [InlineData("""{"type": "enum", "name": "E", "symbols": ["A", "b c"]}""", "Symbol 'b c'")]
    [InlineData("""{"type": "enum", "name": "E", "symbols": ["A"], "default": "B"}""", "Bad default for enum 'E'")]
    [InlineData("""{"type": "enum", "name": "E", "symbols": "A"}""", "must be an array of strings")]
    [InlineData("""{"type": "fixed", "name": "F", "size": -1}""", "non-negative integer")]
    [InlineData("""{"type": "fixed", "name": "F"}""", "missing its 'size'")]
    [InlineData("""{"type": "array"}""", "missing its 'items'")]
    [InlineData("""{"type": "map"}""", "missing its 'values'")]
    [InlineData("""["int", ["null"]]""", "may not immediately contain another union")]
    [InlineData("""["int", "string", "int"]""", "more than one 'int' branch")]
    [InlineData("""[{"type": "array", "items": "int"}, {"type": "array", "items": "long"}]""", "more than one 'array' branch")]
    [InlineData("[]", "at least one branch")]
    [InlineData("""{"type": {"type": "int"}}""", "must be a string")]
    [InlineData("""{"name": "x"}""", "has no 'type'")]
    [InlineData("42", "must be a JSON string, object or array")]
    [InlineData("{", "not valid JSON")]
    public void Parse_InvalidSchema_ThrowsAvroSchemaExceptionSayingWhy(string json, string expectedMessagePart)
    {
        // Act
        var exception = Assert.Throws<AvroSchemaException>(() => AvroSchema.Parse(json));

        // Assert
        Assert.Contains(expectedMessagePart, exception.Message, StringComparison.Ordinal);
    }
}

namespace Streams.SchemaRegistry.Tests;

/// <summary>A small family of schemas: v2 adds an optional field (compatible every way), v3 a required one (not backward).</summary>
internal static class TestSchemas
{
    public const string V1 = """{"type":"record","name":"Person","namespace":"test","fields":[{"name":"name","type":"string"}]}""";

    public const string V2 = """{"type":"record","name":"Person","namespace":"test","fields":[{"name":"name","type":"string"},{"name":"age","type":["null","int"],"default":null}]}""";

    public const string V3Required = """{"type":"record","name":"Person","namespace":"test","fields":[{"name":"name","type":"string"},{"name":"email","type":"string"}]}""";

    public const string Other = """{"type":"enum","name":"Colour","namespace":"test","symbols":["RED","GREEN"]}""";
}

using Avro;
using Streams.SchemaRegistry.Compatibility;

namespace Streams.SchemaRegistry.Tests;

public class CompatibilityCheckerTests
{
    private static readonly Schema V1 = Schema.Parse(TestSchemas.V1);
    private static readonly Schema V2 = Schema.Parse(TestSchemas.V2);
    private static readonly Schema V3 = Schema.Parse(TestSchemas.V3Required);

    [Theory]
    [InlineData("BACKWARD", false)]
    [InlineData("FORWARD", true)]
    [InlineData("FULL", false)]
    [InlineData("NONE", true)]
    public void Check_NewRequiredField_OnlyForwardOrNoneAccept(string levelName, bool accepted)
    {
        // Arrange
        Assert.True(CompatibilityLevels.TryParse(levelName, out var level));

        // Act
        var problems = CompatibilityChecker.Check(V3, [(1, V1)], level);

        // Assert
        Assert.Equal(accepted, problems.Count == 0);
    }

    [Fact]
    public void Check_TransitiveLevel_ChecksEveryVersionNotOnlyTheLatest()
    {
        // Arrange: v1 has a required email, v2 (latest) gives it a default, the candidate drops it.
        var withEmail = Schema.Parse("""{"type":"record","name":"Person","namespace":"test","fields":[{"name":"name","type":"string"},{"name":"email","type":"string"}]}""");
        var withDefault = Schema.Parse("""{"type":"record","name":"Person","namespace":"test","fields":[{"name":"name","type":"string"},{"name":"email","type":"string","default":""}]}""");

        // Act
        var latestOnly = CompatibilityChecker.Check(V1, [(1, withEmail), (2, withDefault)], CompatibilityLevel.Forward);
        var transitive = CompatibilityChecker.Check(V1, [(1, withEmail), (2, withDefault)], CompatibilityLevel.ForwardTransitive);

        // Assert
        Assert.Empty(latestOnly);
        Assert.Single(transitive);
        Assert.Contains("Version 1", transitive[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WriterUnionBranchTheReaderLacks_IsIncompatibleEvenThoughNoValueUsedItYet()
    {
        // Arrange: old values may be null; a reader of plain string cannot read those.
        var nullable = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"s","type":["null","string"]}]}""");
        var plain = Schema.Parse("""{"type":"record","name":"R","fields":[{"name":"s","type":"string"}]}""");

        // Act
        var problems = CompatibilityChecker.Check(plain, [(1, nullable)], CompatibilityLevel.Backward);

        // Assert
        Assert.Single(problems);
    }

    [Fact]
    public void Check_OptionalFieldAdded_FullTransitiveAccepts()
    {
        // Act
        var problems = CompatibilityChecker.Check(V2, [(1, V1)], CompatibilityLevel.FullTransitive);

        // Assert
        Assert.Empty(problems);
    }
}

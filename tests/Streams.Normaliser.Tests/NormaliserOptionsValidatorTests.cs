namespace Streams.Normaliser.Tests;

public class NormaliserOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        // Act
        var result = new NormaliserOptionsValidator().Validate(null, new NormaliserOptions());

        // Assert
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData("Streams:Normaliser:Rules:1:Drop would drop every event")]
    [InlineData("Streams:Normaliser:Rules:0:RenameAttributes:id renames the required attribute 'id'.")]
    [InlineData("Streams:Normaliser:Rules:0:RenameAttributes:custid must name a new attribute of 1-20 characters a-z0-9")]
    [InlineData("Streams:Normaliser:Rules:0:DropAttributes:0 drops the required attribute 'source'.")]
    [InlineData("Streams:Normaliser:Rules:0:DropData:0 must be a dotted path such as customer.id, was 'a..b'.")]
    [InlineData("Streams:Normaliser:Rules:2:Drop cannot be combined with other actions")]
    [InlineData("Streams:Normaliser:Rules:3:Drop is false and the rule has no action")]
    [InlineData("Streams:Normaliser:Dedup:MaxIdsPerPartition must be at least 1, was 0.")]
    [InlineData("Streams:Normaliser:Dedup:Window must be at least 00:00:01, was 00:00:00.")]
    [InlineData("Streams:Normaliser:Schemas:Folder must be an existing folder, was '/nonexistent/schemas'")]
    public void Validate_BadSetting_MessageNamesTheKey(string expected)
    {
        // Arrange
        var options = new NormaliserOptions
        {
            Dedup = new DeduplicationOptions { MaxIdsPerPartition = 0, Window = TimeSpan.Zero },
            Schemas = new SchemaOptions { Folder = "/nonexistent/schemas" },
            Rules =
            [
                new NormaliserRuleOptions
                {
                    RenameAttributes = new() { ["id"] = "eventid", ["custid"] = "Customer_Id" },
                    DropAttributes = ["source"],
                    DropData = ["a..b"],
                },
                new NormaliserRuleOptions { Drop = true },
                new NormaliserRuleOptions { Type = "t", Drop = true, MapTypeTo = "u" },
                new NormaliserRuleOptions { Type = "t" },
            ],
        };

        // Act
        var result = new NormaliserOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, failure => failure.StartsWith(expected, StringComparison.Ordinal));
    }
}

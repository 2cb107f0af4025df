using Streams.Normaliser.Normalisation;

namespace Streams.Normaliser.Tests;

public class RuleSetTests
{
    private const string Legacy = """{"specversion":"1.0","id":"1","source":"/legacy/shop","type":"OrderCreated","custid":"c1","internal":"x","data":{"cust_id":7,"debug":true,"address":{"zip_code":"1011"}}}""";

    [Fact]
    public void Apply_RenameDropDefaultsAndMapType_ChangesEventAsConfigured()
    {
        // Arrange
        var rules = new RuleSet([new NormaliserRuleOptions
        {
            Source = "/legacy/",
            Type = "OrderCreated",
            MapTypeTo = "com.example.order.created",
            RenameAttributes = new() { ["custid"] = "customerid" },
            DropAttributes = ["internal"],
            SetDefaults = new() { ["subject"] = "orders" },
            RenameData = new() { ["cust_id"] = "customerId", ["address.zip_code"] = "zip" },
            DropData = ["debug"],
            SetDataDefaults = new() { ["currency"] = "EUR", ["version"] = "2" },
        }]);

        // Act
        var text = Normalise.Json(Legacy, rules: rules).Text();

        // Assert
        Assert.Equal(
            """{"specversion":"1.0","id":"1","source":"/legacy/shop","type":"com.example.order.created","datacontenttype":"application/json","subject":"orders","customerid":"c1","data":{"address":{"zip":"1011"},"customerId":7,"currency":"EUR","version":2}}""",
            text);
    }

    [Fact]
    public void Apply_DropRuleForType_FilteredWithTheRuleName()
    {
        // Arrange
        var rules = new RuleSet([new NormaliserRuleOptions { Name = "no-heartbeats", Type = "OrderCreated", Drop = true }]);

        // Act
        var result = Normalise.Json(Legacy, rules: rules);

        // Assert
        Assert.Equal(NormalisationOutcome.Filtered, result.Outcome);
        Assert.Equal("no-heartbeats", result.Reason);
    }

    [Theory]
    [InlineData("/legacy/", "", true)]
    [InlineData("/legacy/shop", "OrderCreated", true)]
    [InlineData("/modern/", "", false)]
    [InlineData("", "OrderShipped", false)]
    [InlineData("/legacy", "OrderShipped", false)]
    public void Apply_SourcePrefixAndType_MatchOnlyBoth(string source, string type, bool dropped)
    {
        // Arrange
        var rules = new RuleSet([new NormaliserRuleOptions { Source = source, Type = type, Drop = true }]);

        // Act
        var result = Normalise.Json(Legacy, rules: rules);

        // Assert
        Assert.Equal(dropped ? NormalisationOutcome.Filtered : NormalisationOutcome.Normalised, result.Outcome);
        Assert.Equal(dropped ? "rule-0" : "", result.Reason);
    }

    [Fact]
    public void Apply_LaterRuleMatchesTheMappedType_RulesChainInOrder()
    {
        // Arrange
        var rules = new RuleSet(
        [
            new NormaliserRuleOptions { Type = "OrderCreated", MapTypeTo = "order.created" },
            new NormaliserRuleOptions { Type = "order.created", DropAttributes = ["internal", "custid"] },
        ]);

        // Act
        var text = Normalise.Json(Legacy, rules: rules).Text();

        // Assert
        Assert.StartsWith("""{"specversion":"1.0","id":"1","source":"/legacy/shop","type":"order.created","datacontenttype":"application/json","data":""", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_RenameOntoAnExistingAttribute_KeepsTheExistingValue()
    {
        // Arrange
        var rules = new RuleSet([new NormaliserRuleOptions { RenameAttributes = new() { ["custid"] = "internal" } }]);

        // Act
        var text = Normalise.Json(Legacy, rules: rules).Text();

        // Assert
        Assert.Contains("\"internal\":\"x\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("c1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_DataRulesOnNonObjectData_LeaveItAlone()
    {
        // Arrange
        var rules = new RuleSet([new NormaliserRuleOptions { DropData = ["a.b"], SetDataDefaults = new() { ["c"] = "1" } }]);

        // Act
        var text = Normalise.Json("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data":[1]}""", rules: rules).Text();

        // Assert
        Assert.EndsWith("\"data\":[1]}", text, StringComparison.Ordinal);
    }
}

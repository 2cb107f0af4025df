namespace Streams.SchemaRegistry.Tests.Infrastructure;

/// <summary>Tests sharing one local cluster; each test uses its own schemas topic.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryTests : ICollectionFixture<RegistryClusterFixture>
{
    public const string Name = "registry cluster";
}

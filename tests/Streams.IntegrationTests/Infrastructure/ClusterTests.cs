namespace Streams.IntegrationTests.Infrastructure;

/// <summary>Tests sharing one local cluster; each class uses its own topic prefix and groups.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterTests : ICollectionFixture<LocalClusterFixture>
{
    public const string Name = "local cluster";
}

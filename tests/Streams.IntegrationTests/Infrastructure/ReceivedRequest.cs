namespace Streams.IntegrationTests.Infrastructure;

/// <summary>One webhook request as the test receiver saw it.</summary>
public sealed record ReceivedRequest(int Number, byte[] Body, IReadOnlyList<string> EventIds, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>When the receiver had read the whole request.</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;
}

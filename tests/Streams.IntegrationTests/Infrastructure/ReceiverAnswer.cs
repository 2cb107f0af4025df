namespace Streams.IntegrationTests.Infrastructure;

/// <summary>How a <see cref="TestReceiver"/> answers one request: a status, optionally a Retry-After (seconds).</summary>
public sealed record ReceiverAnswer(int Status, int? RetryAfterSeconds = null)
{
    public static ReceiverAnswer Ok { get; } = new(200);
}

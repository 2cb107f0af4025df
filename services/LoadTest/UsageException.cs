namespace Streams.LoadTest;

/// <summary>A bad command line: the message says what to change; the command exits 2 and sends nothing.</summary>
internal sealed class UsageException(string message) : Exception(message);

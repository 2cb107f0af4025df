namespace Streams.Envelope;

/// <summary>The registry refused the envelope schema (or the configured id): a setting to fix, so the host does not start.</summary>
public sealed class EnvelopeSetupException(string message, Exception inner) : InvalidOperationException(message, inner);

namespace Streams.Operations;

/// <summary>A problem with what the operator asked for: printed as it is, exit code 2, nothing changed.</summary>
public sealed class OperatorException(string message) : Exception(message);

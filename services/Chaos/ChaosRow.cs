namespace Streams.Chaos;

/// <summary>One row of the matrix: a fault and how long it lasts.</summary>
/// <param name="Name">What <c>--only</c> selects it by, e.g. <c>kill-egress</c>.</param>
/// <param name="Description">The fault in words, for the table.</param>
/// <param name="Window">How long the fault lasts (for a SIGKILL: until the role is started again).</param>
/// <param name="Fault">What is injected.</param>
internal sealed record ChaosRow(string Name, string Description, TimeSpan Window, IChaosFault Fault);

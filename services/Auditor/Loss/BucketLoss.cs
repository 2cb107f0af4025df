namespace Streams.Auditor.Loss;

/// <summary>The loss table of one event-time minute.</summary>
/// <param name="Minute">The minute's start.</param>
/// <param name="Final">False while the minute is within its grace period: its counts may still grow.</param>
/// <param name="Hops">One row per hop: the main line in pipeline order, then the branch hops.</param>
/// <param name="EndToEnd">The end-to-end row.</param>
/// <param name="Alert">Whether end-to-end loss exceeds the threshold.</param>
public sealed record BucketLoss(DateTimeOffset Minute, bool Final, IReadOnlyList<HopLoss> Hops, EndToEndLoss EndToEnd, bool Alert);

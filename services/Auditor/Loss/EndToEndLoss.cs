namespace Streams.Auditor.Loss;

/// <summary>A minute's end-to-end row: accepted at the first hop against what the pipeline accounted for.</summary>
/// <param name="Accepted">Events the first hop accepted.</param>
/// <param name="Delivered">Events the last hop passed on.</param>
/// <param name="Accounted">Delivered plus every hop's dead-lettered, filtered, duplicate and retry-handed-off events.</param>
/// <param name="Lost">The sum of the hops' losses, so a surplus at one hop never hides a loss at another.</param>
/// <param name="LossPercent">Lost as a percentage of accepted.</param>
/// <param name="DigestMatches">Whether the accepted events' digest equals the accounted ones'.</param>
public sealed record EndToEndLoss(long Accepted, long Delivered, long Accounted, long Lost, double LossPercent, bool DigestMatches);

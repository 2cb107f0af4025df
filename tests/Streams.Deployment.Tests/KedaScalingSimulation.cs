namespace Streams.Deployment.Tests;

/// <summary>One Kafka trigger of a ScaledObject: the settings that decide its replica count.</summary>
/// <param name="LagThreshold">lagThreshold: messages of lag per replica.</param>
/// <param name="ActivationLagThreshold">activationLagThreshold: at or below it the trigger is inactive.</param>
/// <param name="Partitions">The topic's partitions: with allowIdleConsumers false the scaler caps the lag it reports at
/// partitions × lagThreshold, so replicas never exceed partitions.</param>
public sealed record KafkaTrigger(long LagThreshold, long ActivationLagThreshold, int Partitions);

/// <summary>
/// The replica count KEDA's Kafka scaler and the HPA it drives settle on for a given lag, as KEDA documents them
/// (keda.sh, scalers/apache-kafka): each trigger reports the topic's total lag, capped at partitions × lagThreshold;
/// the HPA's AverageValue target makes that ceil(lag / lagThreshold) replicas, the highest over the triggers, within
/// [max(minReplicaCount, 1), maxReplicaCount]; when every trigger's lag is at or below its activationLagThreshold and
/// minReplicaCount is 0, KEDA scales the Deployment to zero. Steady state only: the HPA's 10 % tolerance and its
/// stabilisation windows (and KEDA's cooldownPeriod) delay changes but do not change where they end.
/// </summary>
public static class KedaScalingSimulation
{
    /// <summary>The replicas for <paramref name="lags"/>, one total lag per trigger, in trigger order.</summary>
    public static int Replicas(int minReplicas, int maxReplicas, IReadOnlyList<KafkaTrigger> triggers, IReadOnlyList<long> lags)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(lags.Count, triggers.Count);
        var active = triggers.Zip(lags).Any(pair => pair.Second > pair.First.ActivationLagThreshold);
        if (!active && minReplicas == 0)
        {
            return 0;
        }

        var desired = triggers.Zip(lags).Max(pair => DesiredReplicas(pair.First, pair.Second));
        return (int)Math.Clamp(desired, Math.Max(minReplicas, 1), maxReplicas);
    }

    private static long DesiredReplicas(KafkaTrigger trigger, long lag)
    {
        var reported = Math.Min(lag, trigger.Partitions * trigger.LagThreshold);
        return (reported + trigger.LagThreshold - 1) / trigger.LagThreshold;
    }
}

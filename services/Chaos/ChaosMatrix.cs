using Confluent.Kafka;
using Microsoft.AspNetCore.Http;
using Streams.Chaos.Faults;

namespace Streams.Chaos;

/// <summary>Issue 14's fault matrix: every row, and the few the short form (CI's) runs.</summary>
internal static class ChaosMatrix
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8);

    /// <summary>How long an orchestrator takes to start a killed role again.</summary>
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ShortWindow = TimeSpan.FromSeconds(5);

    private static readonly string[] ShortForm = ["broker-down", "kill-egress", "receiver-5xx", "receiver-410"];

    public static IReadOnlyList<ChaosRow> Full { get; } =
    [
        new("broker-down", "broker 1 down", Window, new BrokerDownFault(1)),
        new("all-brokers-down", "all 3 brokers down 15 s", TimeSpan.FromSeconds(15), new AllBrokersDownFault()),
        new("leader-moves", "every partition's leader moves, twice", Window, new LeaderMoveFault()),
        new("not-enough-replicas", "Produce fails NOT_ENOUGH_REPLICAS", Window, new ProduceErrorsFault(ErrorCode.NotEnoughReplicas)),
        new("broker-rtt", "every broker's RTT 500 ms", Window, new BrokerRttFault(TimeSpan.FromMilliseconds(500))),
        new("kill-ingest", "SIGKILL ingest, restart after 5 s", RestartDelay, new RoleKillFault(PipelineRoles.Ingest)),
        new("kill-normaliser", "SIGKILL normaliser, restart after 5 s", RestartDelay, new RoleKillFault(PipelineRoles.Normaliser)),
        new("kill-egress", "SIGKILL egress, restart after 5 s", RestartDelay, new RoleKillFault(PipelineRoles.Egress)),
        new("kill-retrier", "SIGKILL retrier, restart after 5 s", RestartDelay, new RoleKillFault(PipelineRoles.Retrier)),
        new("kill-registry", "SIGKILL schema registry, down 8 s", Window, new RoleKillFault(PipelineRoles.SchemaRegistry)),
        new("receiver-5xx", "receiver answers 503", Window, new ReceiverFault(ReceiverModes.Status(StatusCodes.Status503ServiceUnavailable))),
        new("receiver-429", "receiver answers 429, Retry-After: 1", Window, new ReceiverFault(ReceiverModes.Status(StatusCodes.Status429TooManyRequests, TimeSpan.FromSeconds(1)))),
        new("receiver-timeout", "receiver holds requests 7 s (time-out 5 s)", Window, new ReceiverFault(ReceiverModes.Hang(TimeSpan.FromSeconds(7)))),
        new("receiver-slow", "receiver answers 200 after 2 s", Window, new ReceiverFault(ReceiverModes.Slow(TimeSpan.FromSeconds(2)))),
        new("receiver-410", "receiver answers 410 Gone", Window, new ReceiverFault(ReceiverModes.Status(StatusCodes.Status410Gone))),
        new("receiver-flaky", "receiver: 500 twice per batch, then 200", Window, new ReceiverFault(ReceiverModes.Flaky(failures: 2))),
    ];

    /// <summary>The short form: one Kafka fault, one crash, one retryable and one final refusal, with shorter windows.</summary>
    public static IReadOnlyList<ChaosRow> Short { get; } =
        [.. Full.Where(row => ShortForm.Contains(row.Name)).Select(row => row with { Window = Min(row.Window, ShortWindow) })];

    public static IEnumerable<string> Names => Full.Select(row => row.Name);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

namespace Streams.Chaos.Faults;

/// <summary>SIGKILL of one role's process at the start of the window; started again at its end, as an orchestrator would.</summary>
internal sealed class RoleKillFault(string role) : IChaosFault
{
    public Task BeginAsync(ChaosPipeline pipeline, CancellationToken cancellationToken)
    {
        pipeline.Kill(role);
        return Task.CompletedTask;
    }

    public Task EndAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) => pipeline.RestartAsync(role, cancellationToken);
}

namespace Streams.Chaos.Faults;

/// <summary>
/// Every partition of every pipeline topic changes leader at the start of the window and again at its end, so each
/// client gets NOT_LEADER_OR_FOLLOWER and must refresh its metadata twice.
/// </summary>
internal sealed class LeaderMoveFault : IChaosFault
{
    public Task BeginAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) => MoveAsync(pipeline, shift: 1);

    public Task EndAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) => MoveAsync(pipeline, shift: 2);

    private static async Task MoveAsync(ChaosPipeline pipeline, int shift)
    {
        foreach (var topic in pipeline.Topics.All())
        {
            for (var partition = 0; partition < pipeline.Topics.Partitions; partition++)
            {
                await pipeline.Cluster.SetPartitionLeaderAsync(topic, partition, ((partition + shift) % pipeline.Brokers) + 1).ConfigureAwait(false);
            }
        }
    }
}

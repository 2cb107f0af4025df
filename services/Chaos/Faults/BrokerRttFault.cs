namespace Streams.Chaos.Faults;

/// <summary>Every broker answers late by <paramref name="roundTrip"/>: a slow network or a broker under load.</summary>
internal sealed class BrokerRttFault(TimeSpan roundTrip) : IChaosFault
{
    public Task BeginAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) => SetAsync(pipeline, roundTrip);

    public Task EndAsync(ChaosPipeline pipeline, CancellationToken cancellationToken) => SetAsync(pipeline, TimeSpan.Zero);

    private static async Task SetAsync(ChaosPipeline pipeline, TimeSpan value)
    {
        for (var broker = 1; broker <= pipeline.Brokers; broker++)
        {
            await pipeline.Cluster.SetRoundTripTimeAsync(broker, value).ConfigureAwait(false);
        }
    }
}

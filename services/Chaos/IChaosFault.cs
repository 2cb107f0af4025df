namespace Streams.Chaos;

/// <summary>One fault of the matrix: injected at the start of the row's fault window, ended at its end.</summary>
internal interface IChaosFault
{
    Task BeginAsync(ChaosPipeline pipeline, CancellationToken cancellationToken);

    Task EndAsync(ChaosPipeline pipeline, CancellationToken cancellationToken);
}

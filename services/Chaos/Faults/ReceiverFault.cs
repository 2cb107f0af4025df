using Streams.LoadTest;

namespace Streams.Chaos.Faults;

/// <summary>The receiver answers as <paramref name="mode"/> says for the window (one of <see cref="ReceiverModes"/>), then 200 again.</summary>
internal sealed class ReceiverFault(ReceiverGate mode) : IChaosFault
{
    public Task BeginAsync(ChaosPipeline pipeline, CancellationToken cancellationToken)
    {
        pipeline.Receiver.AnswerWith(mode);
        return Task.CompletedTask;
    }

    public Task EndAsync(ChaosPipeline pipeline, CancellationToken cancellationToken)
    {
        pipeline.Receiver.AnswerWith(null);
        return Task.CompletedTask;
    }
}

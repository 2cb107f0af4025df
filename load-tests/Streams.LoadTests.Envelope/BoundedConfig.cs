using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Streams.LoadTests.Envelope;

/// <summary>
/// Bounded in count and time on shared 2-core machines: one launch, 3 warm-up and 8 measured iterations of at least
/// 100 ms each, with allocations reported.
/// </summary>
public sealed class BoundedConfig : ManualConfig
{
    public BoundedConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(8).WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100)));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}

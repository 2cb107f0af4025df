using Confluent.Kafka;

namespace Streams.Kafka.Tests;

public class BundledLibrdkafkaTests
{
    [Fact]
    public void EnsureLoaded_BeforeAnyClient_ConfluentUsesThePackagedLibrary()
    {
        // Act
        BundledLibrdkafka.EnsureLoaded();
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = "127.0.0.1:1" }).Build();

        // Assert: the version librdkafka.redist ships, from the app's own runtimes folder, whatever the machine has installed.
        Assert.StartsWith("2.16.", Library.VersionString, StringComparison.Ordinal);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), BundledLibrdkafka.Path, StringComparison.Ordinal);
    }
}

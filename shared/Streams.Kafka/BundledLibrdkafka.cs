using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Streams.Kafka;

/// <summary>
/// Makes every Kafka client of the process use the librdkafka that librdkafka.redist puts next to the app, never one a
/// machine has installed: left to itself, Confluent.Kafka 2.16 picks up Debian's librdkafka 2.0.2 (which earlier
/// versions of Streams installed with <c>librdkafka-dev</c>) and fails on a function that library lacks.
/// </summary>
public static class BundledLibrdkafka
{
    // The glibc build first, then the CentOS 8 build, which needs no libsasl2.so.3 (Debian bookworm has only .so.2).
    private static readonly string[] Candidates = ["librdkafka.so", "centos8-librdkafka.so"];
    private static readonly Lazy<string> LoadedPath = new(LoadFirstThatWorks);

    /// <summary>The bundled library's path, loaded into the process (and into Confluent.Kafka) on first use.</summary>
    /// <exception cref="DllNotFoundException">No bundled build loads on this machine.</exception>
    public static string Path => LoadedPath.Value;

    /// <summary>Loads the bundled library before the first client is built; later calls do nothing.</summary>
    public static void EnsureLoaded() => _ = LoadedPath.Value;

    private static string LoadFirstThatWorks()
    {
        var folder = System.IO.Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeFolder(), "native");
        foreach (var candidate in Candidates)
        {
            var path = System.IO.Path.Combine(folder, candidate);
            if (NativeLibrary.TryLoad(path, out var handle))
            {
                // Confluent.Kafka binds "librdkafka" by DllImport; its default probing falls back to the system library
                // when the glibc build cannot load, so its imports are pointed at this one instead.
                NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, (name, _, _) => name.Contains("rdkafka", StringComparison.Ordinal) ? handle : 0);
                return path;
            }
        }

        throw new DllNotFoundException(
            $"No loadable librdkafka in {folder} (tried {string.Join(", ", Candidates)}); it comes with the librdkafka.redist package.");
    }

    private static string RuntimeFolder() =>
        (OperatingSystem.IsLinux() ? "linux-" : OperatingSystem.IsMacOS() ? "osx-" : "win-")
        + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
}

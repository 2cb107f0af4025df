using System.Reflection;
using System.Runtime.InteropServices;

namespace Streams.DevCluster;

/// <summary>
/// Points the mock-cluster P/Invokes at the librdkafka that librdkafka.redist put next to the app, picked the way
/// Confluent.Kafka picks it: the glibc build first, then the CentOS 8 build, which needs no libsasl2.so.3 (Debian
/// bookworm has only libsasl2.so.2). Loading the same file as the clients keeps one librdkafka in the process.
/// </summary>
internal static class NativeLibraryResolver
{
    private static readonly string[] Candidates = ["librdkafka.so", "centos8-librdkafka.so"];
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != NativeMethods.Library)
        {
            return 0;
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "runtimes", RuntimeFolder(), "native");
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(Path.Combine(folder, candidate), out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException(
            $"No loadable librdkafka in {folder} (tried {string.Join(", ", Candidates)}); it comes with the librdkafka.redist package.");
    }

    private static string RuntimeFolder() =>
        (OperatingSystem.IsLinux() ? "linux-" : OperatingSystem.IsMacOS() ? "osx-" : "win-")
        + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
}

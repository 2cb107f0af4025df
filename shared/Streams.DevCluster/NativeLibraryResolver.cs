using System.Reflection;
using System.Runtime.InteropServices;
using Streams.Kafka;

namespace Streams.DevCluster;

/// <summary>
/// Points the mock-cluster P/Invokes at the librdkafka the clients use (<see cref="BundledLibrdkafka"/>), so the process
/// holds one librdkafka, the one librdkafka.redist ships.
/// </summary>
internal static class NativeLibraryResolver
{
    private static int _installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeLibraryResolver).Assembly, Resolve);
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == NativeMethods.Library ? NativeLibrary.Load(BundledLibrdkafka.Path) : 0;
}

using System.Diagnostics;
using System.Net.Http.Headers;

namespace Streams.LoadTests.Ingest;

/// <summary>
/// A bounded HTTP load: <c>concurrency</c> connections POST pre-built bodies back to back (closed loop),
/// or at a fixed total rate (open loop), for a fixed time. Every request's latency is recorded.
/// </summary>
internal static class HttpLoad
{
    public static async Task<LoadResult> RunAsync(
        string name,
        Uri url,
        Func<long, byte[]> body,
        int eventsPerRequest,
        int concurrency,
        TimeSpan duration,
        double? ratePerSecond = null,
        string? apiKey = null)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        var latency = new LatencyHistogram();
        long sequence = 0, requests = 0, failures = 0;
        var clock = Stopwatch.StartNew();
        var interval = ratePerSecond is { } rate ? TimeSpan.FromSeconds(concurrency / rate) : TimeSpan.Zero;

        async Task WorkerAsync(int worker)
        {
            var next = clock.Elapsed + (interval * worker / concurrency);
            while (clock.Elapsed < duration)
            {
                if (interval > TimeSpan.Zero)
                {
                    var wait = next - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait);
                    }

                    next += interval;
                }

                using var content = new ByteArrayContent(body(Interlocked.Increment(ref sequence)));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents-batch+json");
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
                if (apiKey is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
                }

                var started = clock.Elapsed;
                try
                {
                    using var response = await http.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                        continue;
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }

                latency.Record(clock.Elapsed - started);
                Interlocked.Increment(ref requests);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(WorkerAsync));
        return new LoadResult(name, requests, failures, requests * eventsPerRequest, clock.Elapsed, latency);
    }
}

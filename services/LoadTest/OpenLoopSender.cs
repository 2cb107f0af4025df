using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace Streams.LoadTest;

/// <summary>
/// Sends a plan's requests at their scheduled times whether or not earlier ones have been answered (open loop), up
/// to a bound on requests in flight. Latencies count from each request's intended time, so a sender held back by a
/// slow service still measures the wait (no coordinated omission).
/// </summary>
internal sealed class OpenLoopSender(HttpClient http, Uri ingest, string? apiKey, int maxInFlight)
{
    private static readonly MediaTypeHeaderValue BatchMediaType = new("application/cloudevents-batch+json");
    private readonly Uri _events = new(ingest, "v1/events");
    private int _inFlight;

    /// <summary>Time from a request's intended send time to ingest's answer, for acknowledged requests.</summary>
    public LatencyHistogram Acknowledgements { get; } = new();

    /// <summary>Requests not acknowledged, by answer (HTTP status, <c>timeout</c> or <c>connection</c>).</summary>
    public ConcurrentDictionary<string, long> Refusals { get; } = new(StringComparer.Ordinal);

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>From the start until the last request was sent: the plan's duration when the sender kept up.</summary>
    public TimeSpan SendingTime { get; private set; }

    public async Task RunAsync(LoadPlan plan, RunUnderTest run, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(maxInFlight);
        var requests = new List<Task>();
        for (var request = 0L; request < plan.Requests; request++)
        {
            var intended = plan.RequestInterval * request;
            var early = intended - run.Clock.Elapsed;
            if (early > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(early, cancellationToken).ConfigureAwait(false);
            }

            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            requests.Add(SendAsync(run, request * plan.BatchSize, plan.BatchSize, run.Clock.StartedAt + intended, slots, cancellationToken));
        }

        SendingTime = run.Clock.Elapsed;
        await Task.WhenAll(requests).ConfigureAwait(false);
    }

    private async Task SendAsync(RunUnderTest run, long first, int count, DateTimeOffset intendedAt, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        run.Ledger.Sent(run.Clock.SecondOf(intendedAt), count);
        var acknowledged = false;
        try
        {
            using var content = new ByteArrayContent(LoadBatchWriter.Write(run.Ids, first, count, intendedAt));
            content.Headers.ContentType = BatchMediaType;
            using var message = new HttpRequestMessage(HttpMethod.Post, _events) { Content = content };
            if (apiKey is not null)
            {
                message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            }

            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            acknowledged = response.IsSuccessStatusCode;
            if (acknowledged)
            {
                Acknowledgements.Record(run.Clock.Now - intendedAt);
            }
            else
            {
                Refuse(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Refuse("timeout");
        }
        catch (HttpRequestException)
        {
            Refuse("connection");
        }
        finally
        {
            run.Ledger.Answered(first, count, acknowledged, run.Clock.SecondOf(run.Clock.Now));
            Interlocked.Decrement(ref _inFlight);
            slots.Release();
        }
    }

    private void Refuse(string answer) => Refusals.AddOrUpdate(answer, 1, (_, requests) => requests + 1);
}

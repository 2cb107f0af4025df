using System.CommandLine;
using System.Globalization;

namespace Streams.LoadTest;

/// <summary>
/// <c>./streams loadtest</c>: drives a running Streams open loop through its own receiver and writes a report; with
/// <c>--find-rating</c> it steps the rate up and prints the traffic rating.
/// </summary>
internal static class LoadTestCli
{
    private const int UsageErrorExitCode = 2;
    private const int MaxRate = 1_000_000;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);
    private const long MaxEventsPerRun = 50_000_000;

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var rate = new Option<int>("--rate") { Description = "Events per second (the first step's with --find-rating).", DefaultValueFactory = _ => 1000 };
        var duration = new Option<string>("--duration") { Description = "How long each run sends, e.g. 30s or 2m (at most 10m).", DefaultValueFactory = _ => "10s" };
        var target = new Option<string>("--target") { Description = "Ingest's base URL.", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var apiKey = new Option<string?>("--api-key") { Description = "The sender's API key (Bearer)." };
        var metrics = new Option<string[]>("--metrics") { Description = "A /metrics URL of a process running hops; repeat for each (default: the target's /metrics).", AllowMultipleArgumentsPerToken = true };
        var listen = new Option<string>("--listen") { Description = "Where the receiver listens; deliver the type dev.streams.loadtest there.", DefaultValueFactory = _ => "http://127.0.0.1:8099" };
        var batchSize = new Option<int?>("--batch-size") { Description = "Events per request (default: from the rate, 1 to 100)." };
        var grace = new Option<string>("--grace") { Description = "Longest wait after sending for events still on their way.", DefaultValueFactory = _ => "30s" };
        var outDirectory = new Option<string?>("--out") { Description = "The report's folder (default: .streams/loadtest/<time>)." };
        var findRating = new Option<bool>("--find-rating") { Description = "Step the rate up ×1.5 until p95 passes --p95-target or anything is lost; print the rating." };
        var p95Target = new Option<string>("--p95-target") { Description = "The end-to-end p95 a step must stay within.", DefaultValueFactory = _ => "50ms" };
        var maxSteps = new Option<int>("--max-steps") { Description = "Most steps --find-rating takes.", DefaultValueFactory = _ => 10 };
        var warmUp = new Option<string>("--warm-up") { Description = "Send at the first rate this long first, reported apart (0s for none).", DefaultValueFactory = _ => "5s" };
        var root = new RootCommand("Drive a running Streams open loop and report end-to-end lag, each hop's lag, losses and duplicates.")
        {
            rate, duration, target, apiKey, metrics, listen, batchSize, grace, outDirectory, findRating, p95Target, maxSteps, warmUp,
        };
        root.SetAction(async (parse, token) =>
        {
            var settings = Settings(parse, rate, duration, target, apiKey, metrics, listen, batchSize, grace, outDirectory, findRating, p95Target, maxSteps, warmUp);
            return await RunAsync(settings, output, token).ConfigureAwait(false);
        });

        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException exception)
        {
            await Console.Error.WriteLineAsync("streams loadtest: " + exception.Message).ConfigureAwait(false);
            return UsageErrorExitCode;
        }
    }

    /// <summary>Runs what the settings ask; 0 when nothing acknowledged was lost (or a rating was found), 1 otherwise.</summary>
    public static async Task<int> RunAsync(LoadTestSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        LoadReceiver receiver;
        try
        {
            receiver = await LoadReceiver.StartAsync(settings.Listen, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw new UsageException($"The receiver cannot listen on {settings.Listen}: {exception.Message}");
        }

        await using (receiver.ConfigureAwait(false))
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.MaxInFlight, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            var runs = new LoadTestRun(settings, receiver, http, output);
            await output.WriteLineAsync($"receiver on {settings.Listen}; sending to {settings.Target}; reports in {settings.Out}").ConfigureAwait(false);
            await WarmUpAsync(settings, runs, output, cancellationToken).ConfigureAwait(false);
            if (settings.FindRating)
            {
                return await new RatingSearch(settings, runs, output).RunAsync(cancellationToken).ConfigureAwait(false) is null ? 1 : 0;
            }

            var report = await runs.RunAsync(settings.Rate, settings.Out, cancellationToken).ConfigureAwait(false);
            await output.WriteAsync(ReportWriter.Summary(report)).ConfigureAwait(false);
            if (receiver.Foreign > 0)
            {
                await output.WriteLineAsync($"the receiver also got {receiver.Foreign:N0} events of other senders or earlier runs").ConfigureAwait(false);
            }

            await output.WriteLineAsync($"report: {Path.Combine(settings.Out, "report.md")}").ConfigureAwait(false);
            return report.Lost == 0 ? 0 : 1;
        }
    }

    /// <summary>
    /// A just-started pipeline and this sender still compile their code paths and open their connections; a warm-up
    /// run at the first rate takes that, so the runs measured after it see the service as it runs.
    /// </summary>
    private static async Task WarmUpAsync(LoadTestSettings settings, LoadTestRun runs, TextWriter output, CancellationToken cancellationToken)
    {
        if (settings.WarmUp <= TimeSpan.Zero)
        {
            return;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warm-up: {settings.Rate:N0} events/s for {settings.WarmUp.TotalSeconds:0.#} s, reported in warm-up/")).ConfigureAwait(false);
        var report = await runs.RunAsync(settings.Rate, settings.WarmUp, Path.Combine(settings.Out, "warm-up"), cancellationToken).ConfigureAwait(false);
        if (report.Lost > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"warm-up: {report.Lost:N0} acknowledged events not received within the grace")).ConfigureAwait(false);
        }
    }

    private static LoadTestSettings Settings(
        ParseResult parse,
        Option<int> rate,
        Option<string> duration,
        Option<string> target,
        Option<string?> apiKey,
        Option<string[]> metrics,
        Option<string> listen,
        Option<int?> batchSize,
        Option<string> grace,
        Option<string?> outDirectory,
        Option<bool> findRating,
        Option<string> p95Target,
        Option<int> maxSteps,
        Option<string> warmUp)
    {
        var settings = new LoadTestSettings
        {
            Rate = parse.GetValue(rate),
            Duration = DurationArgument.Parse("--duration", parse.GetValue(duration)!),
            Target = AbsoluteUrl("--target", parse.GetValue(target)!),
            ApiKey = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("STREAMS_LOADTEST_API_KEY"),
            Metrics = [],
            Listen = AbsoluteUrl("--listen", parse.GetValue(listen)!),
            BatchSize = parse.GetValue(batchSize),
            Grace = DurationArgument.Parse("--grace", parse.GetValue(grace)!),
            Out = parse.GetValue(outDirectory) ?? Path.Combine(".streams", "loadtest", DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)),
            FindRating = parse.GetValue(findRating),
            P95Target = DurationArgument.Parse("--p95-target", parse.GetValue(p95Target)!),
            MaxSteps = parse.GetValue(maxSteps),
            WarmUp = DurationArgument.Parse("--warm-up", parse.GetValue(warmUp)!),
        };
        var metricsUrls = parse.GetValue(metrics) is { Length: > 0 } given
            ? given.Select(url => AbsoluteUrl("--metrics", url)).ToList()
            : [new Uri(settings.Target, "metrics")];
        settings = settings with { Metrics = metricsUrls };
        Check(settings);
        return settings;
    }

    private static void Check(LoadTestSettings settings)
    {
        if (settings.Rate is < 1 or > MaxRate)
        {
            throw new UsageException($"--rate must be between 1 and {MaxRate:N0} events per second, not {settings.Rate}.");
        }

        if (settings.Duration > MaxDuration || settings.Grace > MaxDuration || settings.WarmUp > MaxDuration)
        {
            throw new UsageException("--duration, --grace and --warm-up are at most 10m: a load test stops by itself.");
        }

        if (settings.BatchSize is < 1 or > 1000)
        {
            throw new UsageException($"--batch-size must be between 1 and 1000, not {settings.BatchSize}.");
        }

        if (settings.MaxSteps is < 1 or > 30)
        {
            throw new UsageException($"--max-steps must be between 1 and 30, not {settings.MaxSteps}.");
        }

        var steps = settings.FindRating ? settings.MaxSteps : 1;
        var highest = settings.Rate * Math.Pow(1.5, steps - 1);
        if (highest * settings.Duration.TotalSeconds > MaxEventsPerRun)
        {
            throw new UsageException($"At most {MaxEventsPerRun:N0} events per run: lower --rate, --duration or --max-steps.");
        }
    }

    private static Uri AbsoluteUrl(string option, string text)
    {
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"{option} must be an http(s) URL, not '{text}'.");
        }

        return url;
    }
}

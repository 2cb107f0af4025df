using System.CommandLine;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streams.Delivery;
using Streams.Envelope;
using Streams.Kafka;
using Streams.Receipts;

namespace Streams.Operations;

/// <summary>
/// The operator commands: <c>dlq list</c>, <c>dlq redrive</c> (and <c>replay</c>). They read configuration like
/// the services, never need the services stopped, and change nothing when their arguments are wrong.
/// </summary>
public static class OperatorCli
{
    private const int UsageErrorExitCode = 2;

    /// <summary>True when <paramref name="args"/> name an operator command.</summary>
    public static bool Handles(string[] args) => args is ["dlq", ..] or ["replay", ..] or ["topics", ..];

    /// <summary>Runs the command; exit code 0 on success, 2 on a usage error, bad settings or a Kafka error (one line on stderr).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // The commands build their own clients; they must load the librdkafka the roles load.
        BundledLibrdkafka.EnsureLoaded();
        var root = new RootCommand("Streams operator commands") { DeadLetterCommands(), ReplayCommandLine(), TopicCommands() };
        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (OperatorException exception)
        {
            await Console.Error.WriteLineAsync("streams: " + exception.Message);
            return UsageErrorExitCode;
        }
        catch (OptionsValidationException exception)
        {
            await Console.Error.WriteLineAsync("streams: invalid configuration: " + string.Join(" ", exception.Failures));
            return UsageErrorExitCode;
        }
        catch (KafkaException exception)
        {
            // Every command reads before it writes, so a cluster the clients cannot reach (or that refuses their settings) fails
            // before anything is written; a redrive cut off between its two writes is safe to run again (see RedriveCommand).
            await Console.Error.WriteLineAsync($"streams: Kafka error: {exception.Error.Reason} ({exception.Error.Code})");
            return UsageErrorExitCode;
        }
    }

    private static Command DeadLetterCommands()
    {
        var list = new Command("list", "Count dead letters by subscription, reason and status, and how many were redriven already.");
        list.SetAction(_ =>
        {
            var configuration = OperatorConfiguration.Load(AppContext.BaseDirectory);
            using var services = OperatorServices.Build(configuration);
            var snapshot = new TopicSnapshot(services.GetRequiredService<KafkaClientFactory>(), new ConsoleProgress("reading"));
            Console.WriteLine(DeadLetterSummary.Read(snapshot, configuration.Kafka.Topics).Format());
            return 0;
        });

        var subscription = new Option<string>("--subscription") { Description = "The subscription whose dead letters to send back.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Only dead letters whose reason contains this text." };
        var since = new Option<string?>("--since") { Description = "Only dead letters written at or after this time (RFC 3339 with an offset, e.g. 2026-11-23T10:00:00Z, or Unix ms)." };
        var redrive = new Command("redrive", "Send dead letters back for delivery, once each, after the receiver is fixed.") { subscription, reason, since };
        redrive.SetAction(parse =>
        {
            var name = parse.GetValue(subscription)!;
            var sinceText = parse.GetValue(since);
            var filter = new RedriveFilter(name, parse.GetValue(reason), sinceText is null ? null : TimeArgument.Parse("--since", sinceText));
            var configuration = OperatorConfiguration.Load(AppContext.BaseDirectory);
            using var services = OperatorServices.Build(configuration);
            _ = RequireEndpoint(services, name);
            var (redriven, skipped) = new RedriveCommand(services.GetRequiredService<KafkaClientFactory>(), new ConsoleProgress("reading"), TimeProvider.System).Run(filter);
            Console.WriteLine($"Redrove {redriven} dead letter(s) of '{name}' to {configuration.Kafka.Topics.RetryTier(configuration.Kafka.Topics.RetryTiers[0])}; {skipped} matching one(s) were redriven before and skipped.");
            return 0;
        });

        return new Command("dlq", "Inspect and redrive dead letters.") { list, redrive };
    }

    private static Command ReplayCommandLine()
    {
        var subscription = new Option<string>("--subscription") { Description = "The subscription to deliver to.", Required = true };
        var from = new Option<string>("--from") { Description = "First event time replayed (RFC 3339 with an offset, e.g. 2026-11-23T10:00:00Z, or Unix ms).", Required = true };
        var to = new Option<string>("--to") { Description = "Event time where the window ends, excluded (RFC 3339 with an offset, or Unix ms).", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count the events that would be delivered." };
        var replay = new Command("replay", "Re-deliver the normalised events of an event-time window to one subscription.") { subscription, from, to, dryRun };
        replay.SetAction(async (parse, cancellationToken) =>
        {
            var window = ReplayWindow.Parse(parse.GetValue(from)!, parse.GetValue(to)!);
            var configuration = OperatorConfiguration.Load(AppContext.BaseDirectory);
            await using var services = OperatorServices.Build(configuration);
            var endpoint = RequireEndpoint(services, parse.GetValue(subscription)!);
            // No host runs here, so the envelope schema is set up by hand, as a host would after start-up.
            var envelopes = services.GetRequiredService<EnvelopeSerializerProvider>();
            await envelopes.StartedAsync(cancellationToken);
            var command = new ReplayCommand(services.GetRequiredService<KafkaClientFactory>(), endpoint, await envelopes.GetAsync(cancellationToken));
            var summary = await command.RunAsync(window, parse.GetValue(dryRun), cancellationToken);
            Console.WriteLine((parse.GetValue(dryRun) ? "Dry run: " : "Replay: ") + summary);
            return summary.Failed == 0 ? 0 : 1;
        });
        return replay;
    }

    private static Command TopicCommands()
    {
        var create = new Command("create", "Create every topic the pipeline and the schema registry need, as configured; existing ones are checked.");
        create.SetAction(async (_, cancellationToken) =>
        {
            var configuration = OperatorConfiguration.Load(AppContext.BaseDirectory);
            var registryTopic = SchemaRegistryTopic.Name(configuration.Configuration);
            var receipts = configuration.Configuration.GetSection(ReceiptOptions.SectionName).Get<ReceiptOptions>() ?? new ReceiptOptions();
            using var services = OperatorServices.Build(configuration);
            var problems = await new TopicsCreateCommand(
                    services.GetRequiredService<KafkaClientFactory>(), registryTopic, receipts.RetentionMs, configuration.LocalCluster, Console.Out)
                .RunAsync(cancellationToken);
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync("streams: " + problem.Message);
            }

            return problems.Count == 0 ? 0 : 1;
        });
        return new Command("topics", "Create and check the pipeline's topics.") { create };
    }

    private static SubscriptionEndpoint RequireEndpoint(IServiceProvider services, string name)
    {
        var endpoints = services.GetRequiredService<SubscriptionEndpoints>();
        return endpoints.TryGet(name, out var endpoint)
            ? endpoint
            : throw new OperatorException(
                $"Unknown subscription '{name}'; configured: {(endpoints.All.Count == 0 ? "none" : string.Join(", ", endpoints.All.Select(e => e.Name)))}.");
    }
}

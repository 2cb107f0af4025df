using Microsoft.Extensions.Options;
using Streams.Envelope;
using Streams.Kafka.Topics;

namespace Streams.Host;

/// <summary>Composes the roles named on the command line into one process.</summary>
internal static class StreamsHost
{
    private const int ConfigurationErrorExitCode = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var (roles, roleError) = RoleSet.Parse(builder.Configuration["roles"] ?? builder.Configuration["Streams:Roles"]);
        if (roleError is not null)
        {
            await Console.Error.WriteLineAsync(roleError);
            return ConfigurationErrorExitCode;
        }

        var modules = RoleModules.For(roles);
        builder.AddStreamsServiceDefaults(roles);
        foreach (var module in modules)
        {
            module.AddServices(builder.Services);
        }

        await using var app = builder.Build();
        app.MapStreamsServiceDefaults();
        foreach (var module in modules)
        {
            module.MapEndpoints(app);
        }

        if (!await StartAsync(app))
        {
            return ConfigurationErrorExitCode;
        }

        app.Logger.LogInformation("Streams running roles {Roles} at {Urls}", roles, string.Join(", ", app.Urls));
        await app.WaitForShutdownAsync();
        // Non-zero when the host was stopped for a reason, e.g. 2 for missing topics (TopicReadiness).
        return Environment.ExitCode;
    }

    /// <summary>Starts the host; false, with every invalid setting named on stderr, when start-up validation fails.</summary>
    private static async Task<bool> StartAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync();
            return true;
        }
        catch (Exception exception) when (InvalidSettings(exception) is { Count: > 0 } failures)
        {
            await Console.Error.WriteLineAsync("Streams cannot start: the configuration is invalid.");
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync("  " + failure);
            }

            return false;
        }
        catch (EnvelopeSetupException refused)
        {
            await Console.Error.WriteLineAsync("Streams cannot start: " + refused.Message);
            return false;
        }
        catch (TopicsNotReadyException missing)
        {
            await Console.Error.WriteLineAsync("Streams cannot start: topics are missing or misconfigured (Streams:Kafka:MissingTopics=Exit).");
            foreach (var problem in missing.Problems)
            {
                await Console.Error.WriteLineAsync("  " + problem.Message);
            }

            return false;
        }
    }

    /// <summary>
    /// The messages of every invalid setting: start-up validation throws one <see cref="OptionsValidationException"/>
    /// when one section is invalid and an <see cref="AggregateException"/> of them when several are.
    /// </summary>
    private static List<string> InvalidSettings(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => [],
    };
}

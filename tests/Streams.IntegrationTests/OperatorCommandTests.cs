using System.Text;
using Confluent.Kafka;
using Streams.IntegrationTests.Infrastructure;
using Streams.Kafka;

namespace Streams.IntegrationTests;

/// <summary>`dlq list` and `dlq redrive` as the real executable, against dead letters on the local cluster.</summary>
[Collection(ClusterTests.Name)]
public sealed class OperatorCommandTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task DlqList_DeadLetters_CountsBySubscriptionReasonAndStatus()
    {
        // Arrange
        var topics = cluster.CreateTopics();
        await ProduceDeadLettersAsync(topics, ("orders", "HTTP 410 is not retryable", 410, 3), ("billing", "HTTP 400 is not retryable", 400, 2));

        // Act
        var (exitCode, output) = await RunAsync(topics, "dlq", "list");

        // Assert
        Assert.Equal(0, exitCode);
        Assert.Contains(output, line => line.Contains("3         0  orders", StringComparison.Ordinal) && line.Contains("410", StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains("2         0  billing", StringComparison.Ordinal) && line.Contains("400", StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains("5  dead letters in all, 0 of them redriven already", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DlqList_AfterARedrive_ShowsWhichWereRedriven()
    {
        // Arrange
        var topics = cluster.CreateTopics();
        await ProduceDeadLettersAsync(topics, ("orders", "HTTP 410 is not retryable", 410, 3), ("billing", "HTTP 400 is not retryable", 400, 2));
        var redrive = await RunAsync(topics, "dlq", "redrive", "--subscription", "orders");

        // Act
        var (exitCode, output) = await RunAsync(topics, "dlq", "list");

        // Assert
        Assert.Equal(0, redrive.ExitCode);
        Assert.Equal(0, exitCode);
        Assert.Contains(output, line => line.Contains("3         3  orders", StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains("2         0  billing", StringComparison.Ordinal));
        Assert.Contains(output, line => line.Contains("5  dead letters in all, 3 of them redriven already", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DlqRedrive_Twice_SendsEachMatchingDeadLetterOnce()
    {
        // Arrange
        var topics = cluster.CreateTopics();
        await ProduceDeadLettersAsync(topics, ("orders", "HTTP 410 is not retryable", 410, 4), ("orders", "HTTP 404 is not retryable", 404, 1), ("billing", "HTTP 410 is not retryable", 410, 2));

        // Act
        var first = await RunAsync(topics, "dlq", "redrive", "--subscription", "orders", "--reason", "410");
        var second = await RunAsync(topics, "dlq", "redrive", "--subscription", "orders", "--reason", "410");
        var retries = await TopicReader.ReadAsync(cluster.BootstrapServers, topics.RetryTier(topics.RetryTiers[0]), records => records.Count >= 4, TimeSpan.FromSeconds(30));
        var retryCount = await CountAsync(topics.RetryTier(topics.RetryTiers[0]));

        // Assert
        Assert.Equal(0, first.ExitCode);
        Assert.Contains(first.Output, line => line.Contains("Redrove 4 dead letter(s)", StringComparison.Ordinal));
        Assert.Contains(second.Output, line => line.Contains("Redrove 0 dead letter(s)", StringComparison.Ordinal) && line.Contains("4 matching", StringComparison.Ordinal));
        Assert.Equal(4, retryCount);
        Assert.All(retries, r => Assert.Equal("orders", r.Message.Headers.GetText(StreamsHeaders.Subscription)));
        Assert.All(retries, r => Assert.Equal("0", r.Message.Headers.GetText(StreamsHeaders.Attempt)));
    }

    [Theory]
    [InlineData("dlq", "redrive", "--subscription", "nobody")]
    [InlineData("dlq", "redrive", "--subscription", "orders", "--since", "last tuesday")]
    [InlineData("dlq", "redrive")]
    [InlineData("dlq", "explode")]
    public async Task Dlq_BadArguments_ClearMessageNonZeroExitNothingChanged(params string[] arguments)
    {
        // Arrange
        var topics = cluster.CreateTopics();
        await ProduceDeadLettersAsync(topics, ("orders", "HTTP 410 is not retryable", 410, 2));

        // Act
        var (exitCode, output) = await RunAsync(topics, arguments);

        // Assert
        Assert.NotEqual(0, exitCode);
        Assert.NotEmpty(output);
        Assert.Equal(0, await CountAsync(topics.RetryTier(topics.RetryTiers[0])));
    }

    [Theory]
    [InlineData("dlq", "list")]
    [InlineData("dlq", "redrive", "--subscription", "orders")]
    public async Task Dlq_KafkaClientSettingsTheClusterRefuses_ExitTwoWithOneLineNothingChanged(params string[] arguments)
    {
        // Arrange: the cluster speaks plaintext; a client that honours the settings cannot reach it.
        var topics = cluster.CreateTopics();
        await ProduceDeadLettersAsync(topics, ("orders", "HTTP 410 is not retryable", 410, 2));
        var sasl = new Dictionary<string, string>
        {
            ["Streams__Kafka__Client__security.protocol"] = "SASL_SSL",
            ["Streams__Kafka__Client__sasl.mechanism"] = "PLAIN",
            ["Streams__Kafka__Client__sasl.username"] = "operator",
            ["Streams__Kafka__Client__sasl.password"] = "secret",
        };

        // Act
        var (exitCode, output) = await RunAsync(topics, sasl, arguments);

        // Assert
        Assert.Equal(2, exitCode);
        Assert.Single(output, line => line.StartsWith("streams: Kafka error: ", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain(output, line => line.Contains("dead letters in all", StringComparison.Ordinal) || line.Contains("Redrove", StringComparison.Ordinal));
        Assert.Equal(0, await CountAsync(topics.RetryTier(topics.RetryTiers[0])));
        Assert.Equal(0, await CountAsync(topics.RedriveLedger));
    }

    [Fact]
    public async Task StreamsScript_RedriveWithBootstrapServersSet_FindsTheSubscriptionsTheRolesOfUpHave()
    {
        // Arrange: the local settings' "demo" subscription, as `./streams up` runs the roles with it, on a configured cluster.
        var topics = cluster.CreateTopics();
        await ProduceDeadLettersAsync(topics, ("demo", "HTTP 410 is not retryable", 410, 2));
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { RepositoryFiles.PathOf("streams"), "dlq", "redrive", "--subscription", "demo" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Streams__Kafka__BootstrapServers"] = cluster.BootstrapServers;
        start.Environment["Streams__Kafka__Topics__Prefix"] = topics.Prefix;
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        // Act
        using var script = System.Diagnostics.Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));

        // Assert
        Assert.True(script.ExitCode == 0, await output + await errors);
        Assert.Contains("Redrove 2 dead letter(s) of 'demo'", await output, StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(topics.RetryTier(topics.RetryTiers[0])));
    }

    private Task<(int ExitCode, IReadOnlyList<string> Output)> RunAsync(TopicOptions topics, params string[] arguments) =>
        RunAsync(topics, new Dictionary<string, string>(), arguments);

    private async Task<(int ExitCode, IReadOnlyList<string> Output)> RunAsync(TopicOptions topics, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var environment = new Dictionary<string, string>(settings)
        {
            ["Streams__Kafka__BootstrapServers"] = cluster.BootstrapServers,
            ["Streams__Kafka__Topics__Prefix"] = topics.Prefix,
            ["Streams__Egress__Subscriptions__0__Name"] = "orders",
            ["Streams__Egress__Subscriptions__0__Url"] = "http://127.0.0.1:9/hook",
            ["Streams__Egress__Subscriptions__1__Name"] = "billing",
            ["Streams__Egress__Subscriptions__1__Url"] = "http://127.0.0.1:9/hook",
        };
        await using var process = HostProcess.Start(arguments, environment);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, [.. process.Output]);
    }

    private async Task ProduceDeadLettersAsync(TopicOptions topics, params (string Subscription, string Reason, int Status, int Count)[] groups)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, Acks = Acks.All }).Build();
        var sequence = 0;
        foreach (var (subscription, reason, status, count) in groups)
        {
            for (var i = 0; i < count; i++)
            {
                var headers = new Headers();
                headers.SetText(StreamsHeaders.Subscription, subscription);
                headers.SetText(StreamsHeaders.Reason, reason);
                headers.SetText(StreamsHeaders.LastStatus, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                headers.SetText(StreamsHeaders.Attempt, "1");
                headers.SetMilliseconds(StreamsHeaders.FirstFailure, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                var value = cluster.Envelopes.Encode($$"""{"specversion":"1.0","id":"dl-{{sequence++}}","source":"/tests","type":"t"}""");
                await producer.ProduceAsync(topics.DeadLetters, new Message<byte[]?, byte[]> { Key = Encoding.UTF8.GetBytes("k"), Value = value, Headers = headers });
            }
        }
    }

    private Task<long> CountAsync(string topic) => Task.Run(() => new TopicInspector(cluster.BootstrapServers).Count(topic));
}

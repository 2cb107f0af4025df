using System.Globalization;
using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Streams.DevCluster;
using Streams.Kafka;
using Streams.Kafka.Topics;

namespace Streams.Operations;

/// <summary>
/// <c>./streams topics create</c>: creates every topic the pipeline and the registry need, with the configured
/// partitions, replication factor and <c>min.insync.replicas</c> (the registry's topic compacted, one partition; the
/// receipts topic deleted after <c>Streams:Receipts:RetentionMs</c>),
/// through the admin API — or, for the local cluster <c>./streams up</c> started, through its control API, since the
/// local mock cluster has no CreateTopics. Topics that exist are left alone and checked like the roles check them.
/// </summary>
internal sealed class TopicsCreateCommand(KafkaClientFactory clients, string registryTopic, long receiptRetentionMs, DevClusterState? localCluster, TextWriter output)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Creates what is missing; returns the problems left (none when every topic is as configured).</summary>
    public async Task<IReadOnlyList<TopicProblem>> RunAsync(CancellationToken cancellationToken)
    {
        using var admin = clients.CreateAdmin("operator");
        var specifications = Specifications();
        var existing = Metadata(admin).Topics.Where(t => t.Error.Code == ErrorCode.NoError).Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
        var missing = specifications.Where(s => !existing.Contains(s.Name)).ToList();
        foreach (var topic in specifications.Where(s => existing.Contains(s.Name)))
        {
            await output.WriteLineAsync($"exists   {topic.Name}").ConfigureAwait(false);
        }

        if (missing.Count > 0)
        {
            await CreateAsync(admin, missing, cancellationToken).ConfigureAwait(false);
            foreach (var topic in missing)
            {
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"created  {topic.Name} ({topic.NumPartitions} partitions, replication factor {topic.ReplicationFactor}, {string.Join(", ", topic.Configs.Select(c => $"{c.Key}={c.Value}"))})")).ConfigureAwait(false);
            }
        }

        return TopicProblems.Find(Metadata(admin), specifications.Select(s => s.Name), clients.Options.Topics, new Dictionary<string, int>());
    }

    private List<TopicSpecification> Specifications()
    {
        var topics = clients.Options.Topics;
        var minInSync = topics.MinInSyncReplicas.ToString(CultureInfo.InvariantCulture);
        var pipeline = topics.All().Select(name => new TopicSpecification
        {
            Name = name,
            NumPartitions = topics.Partitions,
            ReplicationFactor = (short)topics.ReplicationFactor,
            Configs = name == topics.Receipts
                // Kept as long as lookups should answer; each record holds a write's receipts under a key of its own
                // (ReceiptBatchCodec), so there is nothing for compaction to merge.
                ? new Dictionary<string, string>
                {
                    ["min.insync.replicas"] = minInSync,
                    ["retention.ms"] = receiptRetentionMs.ToString(CultureInfo.InvariantCulture),
                }
                : new Dictionary<string, string> { ["min.insync.replicas"] = minInSync },
        });
        var registry = new TopicSpecification
        {
            Name = registryTopic,
            NumPartitions = 1,
            ReplicationFactor = (short)topics.ReplicationFactor,
            // Every registry replica reads the whole topic at start; compaction keeps that short.
            Configs = new Dictionary<string, string> { ["min.insync.replicas"] = minInSync, ["cleanup.policy"] = "compact" },
        };
        return [.. pipeline, registry];
    }

    private async Task CreateAsync(IAdminClient admin, List<TopicSpecification> missing, CancellationToken cancellationToken)
    {
        if (localCluster is not null)
        {
            using var control = new HttpClient { BaseAddress = new Uri(localCluster.ControlUrl + "/") };
            var client = new DevClusterClient(control);
            foreach (var topic in missing)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await client.CreateTopicAsync(new TopicSpec(topic.Name, topic.NumPartitions, topic.ReplicationFactor)).ConfigureAwait(false);
            }

            return;
        }

        try
        {
            await admin.CreateTopicsAsync(missing, new CreateTopicsOptions { RequestTimeout = RequestTimeout, OperationTimeout = RequestTimeout }).ConfigureAwait(false);
        }
        catch (CreateTopicsException exception)
        {
            var failed = exception.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists)
                .Select(r => $"{r.Topic}: {r.Error.Reason}").ToList();
            if (failed.Count > 0)
            {
                throw new OperatorException("The cluster refused to create " + string.Join("; ", failed));
            }
        }
        catch (KafkaException exception)
        {
            throw new OperatorException($"The cluster did not create the topics: {exception.Error.Reason}");
        }
    }

    private static Metadata Metadata(IAdminClient admin)
    {
        try
        {
            return admin.GetMetadata(RequestTimeout);
        }
        catch (KafkaException exception)
        {
            throw new OperatorException($"Kafka did not answer for its metadata: {exception.Error.Reason}");
        }
    }
}

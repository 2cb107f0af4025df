using Streams.DevCluster;
using Streams.Host;
using Streams.Operations;

// One executable for every deployment: `dev-cluster` runs the local Kafka cluster, `dlq`/`replay` are the
// operator commands, anything else runs roles.
if (args is ["dev-cluster", .. var rest])
{
    return await DevClusterApp.RunAsync(rest);
}

return OperatorCli.Handles(args) ? await OperatorCli.RunAsync(args) : await StreamsHost.RunAsync(args);

/// <summary>Lets tests host the process through WebApplicationFactory.</summary>
public partial class Program;

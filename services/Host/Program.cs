using Streams.DevCluster;
using Streams.Host;

// One executable for every deployment: `dev-cluster` runs the local Kafka cluster, anything else runs roles.
return args is ["dev-cluster", .. var rest]
    ? await DevClusterApp.RunAsync(rest)
    : await StreamsHost.RunAsync(args);

/// <summary>Lets tests host the process through WebApplicationFactory.</summary>
public partial class Program;

using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Confluent.Kafka;

namespace Streams.DevCluster;

/// <summary>Injects faults into a local cluster running in another process, through its control API.</summary>
public sealed class DevClusterClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Takes a broker down.</summary>
    public Task SetBrokerDownAsync(int brokerId) => PostAsync($"cluster/brokers/{brokerId}/down");

    /// <summary>Brings a broker back up.</summary>
    public Task SetBrokerUpAsync(int brokerId) => PostAsync($"cluster/brokers/{brokerId}/up");

    /// <summary>Takes every broker down at once.</summary>
    public Task SetAllBrokersDownAsync() => PostAsync("cluster/brokers/down");

    /// <summary>Brings every broker back up.</summary>
    public Task SetAllBrokersUpAsync() => PostAsync("cluster/brokers/up");

    /// <summary>Moves the leadership of one partition to another broker.</summary>
    public Task SetPartitionLeaderAsync(string topic, int partition, int brokerId) =>
        PostAsync($"cluster/topics/{Uri.EscapeDataString(topic)}/partitions/{partition}/leader/{brokerId}");

    /// <summary>Delays every answer of a broker.</summary>
    public Task SetRoundTripTimeAsync(int brokerId, TimeSpan roundTrip) =>
        PostAsync($"cluster/brokers/{brokerId}/rtt/{(int)roundTrip.TotalMilliseconds}");

    /// <summary>Makes the next requests of a kind fail with these errors, in order.</summary>
    public async Task PushRequestErrorsAsync(KafkaApi api, params ErrorCode[] errors)
    {
        using var response = await http.PostAsJsonAsync("cluster/errors", new RequestErrorsSpec(api, errors), Json);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Forgets errors pushed for a kind of request that have not fired yet.</summary>
    public async Task ClearRequestErrorsAsync(KafkaApi api)
    {
        using var response = await http.DeleteAsync(new Uri($"cluster/errors/{api}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Creates a topic.</summary>
    public async Task CreateTopicAsync(TopicSpec topic)
    {
        using var response = await http.PostAsJsonAsync("cluster/topics", topic, Json);
        response.EnsureSuccessStatusCode();
    }

    private async Task PostAsync(string path)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content: null);
        response.EnsureSuccessStatusCode();
    }
}

using System.Text;
using Confluent.Kafka;
using Confluent.SchemaRegistry;
using Streams.Envelope;

namespace Streams.IntegrationTests.Infrastructure;

/// <summary>
/// Record values as the hops write and read them: the envelope in the Confluent wire format, with the real
/// serializer and registry client against the run's registry.
/// </summary>
public sealed class TestEnvelopes : IDisposable
{
    private readonly CachedSchemaRegistryClient _client;

    private TestEnvelopes(CachedSchemaRegistryClient client, EnvelopeSerializer serializer) => (_client, Serializer) = (client, serializer);

    /// <summary>The serializer, registered as the services register it (same subject, same schema, same id).</summary>
    public EnvelopeSerializer Serializer { get; }

    /// <summary>The registry client, e.g. to register another envelope version.</summary>
    public ISchemaRegistryClient Registry => _client;

    public static async Task<TestEnvelopes> RegisterAsync(Uri registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var client = new CachedSchemaRegistryClient(new SchemaRegistryConfig { Url = registry.ToString(), RequestTimeoutMs = 30_000 });
        var id = await client.RegisterSchemaAsync(EnvelopeSchemas.Subject, new Schema(EnvelopeSchemas.CurrentJson, SchemaType.Avro)).WaitAsync(TimeSpan.FromSeconds(60));
        return new TestEnvelopes(client, new EnvelopeSerializer(client, id, EnvelopeSchemas.Current));
    }

    /// <summary>The record value of a structured-mode CloudEvent, as ingest writes it.</summary>
    public byte[] Encode(string cloudEventJson) => Serializer.Serialize(CloudEventJson.FromJson(Encoding.UTF8.GetBytes(cloudEventJson)));

    /// <summary>The event a record value carries.</summary>
    public CloudEventEnvelope Decode(byte[] value) => Serializer.Deserialize(value);

    /// <summary>The CloudEvents <c>id</c> of each record whose value is an envelope; other records have none to report.</summary>
    public IEnumerable<string> EventIds(IEnumerable<ConsumeResult<byte[]?, byte[]>> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var record in records)
        {
            string? id = null;
            try
            {
                id = Serializer.Deserialize(record.Message.Value).Id;
            }
            catch (EnvelopeDecodeException)
            {
                // Not an envelope (e.g. garbage a test wrote): it has no id.
            }

            if (id is not null)
            {
                yield return id;
            }
        }
    }

    public void Dispose() => _client.Dispose();
}

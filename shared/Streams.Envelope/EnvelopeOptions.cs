namespace Streams.Envelope;

/// <summary>How a service gets the schema id it writes envelopes with: the <c>Streams:Envelope</c> configuration section.</summary>
public sealed class EnvelopeOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Streams:Envelope";

    /// <summary>
    /// An id already registered under <see cref="EnvelopeSchemas.Subject"/> (e.g. by a deployment pipeline, when services
    /// may not register schemas): values are written with that schema. Empty: the service registers its envelope schema
    /// at start-up.
    /// </summary>
    public int? SchemaId { get; set; }

    /// <summary>How long start-up tries to reach the registry before it logs an error (it keeps trying; /readyz says not ready).</summary>
    public int StartupTimeoutMs { get; set; } = 60_000;
}

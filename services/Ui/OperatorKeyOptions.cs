namespace Streams.Ui;

/// <summary>One operator's key: <c>Streams:Ui:OperatorKeys:N</c>. Only its SHA-256 is configured, as for senders' keys.</summary>
public sealed class OperatorKeyOptions
{
    /// <summary>Who the key belongs to; logged with each redrive instead of the key.</summary>
    public string Name { get; set; } = "";

    /// <summary>Hex SHA-256 of the key (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";
}

namespace Streams.Host;

/// <summary>The parts of Streams one host process can run.</summary>
[Flags]
internal enum Role
{
    None = 0,
    Ingest = 1,
    Normaliser = 2,
    Egress = 4,
    DemoReceiver = 8,
    Retrier = 16,
    Auditor = 32,
    SchemaRegistry = 64,
    Ui = 128,
    Receipts = 256,
}

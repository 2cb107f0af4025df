using System.Buffers;

namespace Streams.Receipts;

/// <summary>
/// The receipts one hop writes at once (a request's, a consumed batch's, a webhook batch's), gathered by receipts
/// partition: <see cref="ReceiptWriter.Write(ReceiptBatch)"/> sends each partition's as one record. Not thread-safe.
/// </summary>
public sealed class ReceiptBatch
{
    private const int StackLimit = 512;
    private readonly ArrayBufferWriter<byte>?[] _partitions;

    internal ReceiptBatch(int partitions) => _partitions = new ArrayBufferWriter<byte>?[partitions];

    /// <summary>Receipts added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="stage"/>'s receipt of the event (<paramref name="source"/>, <paramref name="id"/>).</summary>
    public void Add(string stage, string source, string id, in Receipt receipt) => Add(stage, source, id, identity: null, receipt);

    /// <summary>As <see cref="Add(string, string, string, in Receipt)"/>, for a caller that has the event's identity already (ingest).</summary>
    public void Add(string stage, string source, string id, ulong identity, in Receipt receipt) => Add(stage, source, id, (ulong?)identity, receipt);

    /// <summary>Each partition's receipts as a batch value (<see cref="ReceiptBatchCodec"/>).</summary>
    internal IEnumerable<(int Partition, ReadOnlyMemory<byte> Value)> Values()
    {
        for (var partition = 0; partition < _partitions.Length; partition++)
        {
            if (_partitions[partition] is { } written)
            {
                yield return (partition, written.WrittenMemory);
            }
        }
    }

    private void Add(string stage, string source, string id, ulong? identity, in Receipt receipt)
    {
        Count++;
        if (_partitions.Length == 0)
        {
            // The topic's partitions are not known yet: the writer counts these as dropped.
            return;
        }

        var keyLength = ReceiptKey.Length(stage, source, id);
        byte[]? rented = null;
        var key = keyLength <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(keyLength));
        try
        {
            key = key[..keyLength];
            ReceiptKey.Write(stage, source, id, key);
            var partition = ReceiptPartitioner.For(identity ?? ReceiptKey.Identity(key), _partitions.Length);
            var writer = _partitions[partition] ??= NewValue();
            var valueLength = ReceiptValueCodec.Length(receipt);
            var entry = writer.GetSpan(ReceiptBatchCodec.EntryOverhead + keyLength + valueLength);
            ReceiptBatchCodec.WriteLengths(entry, keyLength, valueLength);
            key.CopyTo(entry[ReceiptBatchCodec.EntryOverhead..]);
            ReceiptValueCodec.Write(receipt, entry[(ReceiptBatchCodec.EntryOverhead + keyLength)..]);
            writer.Advance(ReceiptBatchCodec.EntryOverhead + keyLength + valueLength);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static ArrayBufferWriter<byte> NewValue()
    {
        var value = new ArrayBufferWriter<byte>(1024);
        value.GetSpan(1)[0] = ReceiptBatchCodec.Version;
        value.Advance(1);
        return value;
    }
}

namespace Streams.Audit;

/// <summary>The running count and digest of one (hop, stage, minute), updated with interlocked adds.</summary>
internal sealed class AuditCell
{
    private long _count;
    private long _digest;

    public long Count => Volatile.Read(ref _count);

    public ulong Digest => unchecked((ulong)Volatile.Read(ref _digest));

    public void Add(long count, ulong digest)
    {
        Interlocked.Add(ref _count, count);
        // Wrapping addition: the digest is a sum modulo 2^64.
        Interlocked.Add(ref _digest, unchecked((long)digest));
    }
}

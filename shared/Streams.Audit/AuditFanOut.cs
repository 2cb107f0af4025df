namespace Streams.Audit;

/// <summary>
/// The audit of one event that several units of work handle (egress: one per matching subscription). Each part
/// settles once; the last one records the event a single time, so the hop's outcome count stays one per event.
/// </summary>
/// <remarks>
/// The recorded stage is the most telling one among the parts: dead-lettered over handed to a retry tier over
/// delivered. All three are accounted, so the choice only decides which column of the loss table shows the event.
/// </remarks>
public sealed class AuditFanOut
{
    private readonly AuditRecorder _recorder;
    private readonly string _hop;
    private readonly long _eventTimeMs;
    private readonly ulong _identity;
    private int _remaining;
    private int _stage = (int)AuditStage.Out;

    internal AuditFanOut(AuditRecorder recorder, string hop, long eventTimeMs, ulong identity, int parts)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parts);
        _recorder = recorder;
        _hop = hop;
        _eventTimeMs = eventTimeMs;
        _identity = identity;
        _remaining = parts;
        if (parts == 0)
        {
            recorder.Record(hop, AuditStage.Filtered, eventTimeMs, identity);
        }
    }

    /// <summary>Settles one part at <paramref name="stage"/>; extra calls after the last part are ignored.</summary>
    /// <param name="stage"><see cref="AuditStage.Out"/>, <see cref="AuditStage.RetryHandedOff"/> or <see cref="AuditStage.DeadLettered"/>.</param>
    public void Settle(AuditStage stage)
    {
        var rank = Rank(stage);
        var current = Volatile.Read(ref _stage);
        while (rank > Rank((AuditStage)current))
        {
            var seen = Interlocked.CompareExchange(ref _stage, (int)stage, current);
            if (seen == current)
            {
                break;
            }

            current = seen;
        }

        var remaining = Volatile.Read(ref _remaining);
        while (remaining > 0)
        {
            var seen = Interlocked.CompareExchange(ref _remaining, remaining - 1, remaining);
            if (seen == remaining)
            {
                if (remaining == 1)
                {
                    _recorder.Record(_hop, (AuditStage)Volatile.Read(ref _stage), _eventTimeMs, _identity);
                }

                return;
            }

            remaining = seen;
        }
    }

    private static int Rank(AuditStage stage) => stage switch
    {
        AuditStage.DeadLettered => 2,
        AuditStage.RetryHandedOff => 1,
        _ => 0,
    };
}

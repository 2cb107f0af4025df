namespace Streams.Retrier;

/// <summary>What the retrier does with a record it read.</summary>
public enum Admission
{
    /// <summary>Due: deliver it now.</summary>
    Deliver,

    /// <summary>Not due: pause its partition until it is, and read it again then.</summary>
    Pause,

    /// <summary>Its partition is paused at an earlier record: ignore it for now.</summary>
    Skip,
}

namespace Streams.LoadTest;

/// <summary>What the sender and the receiver share during one run: its ids, its ledger and its clock.</summary>
internal sealed record RunUnderTest(LoadEventIds Ids, EventLedger Ledger, RunClock Clock);

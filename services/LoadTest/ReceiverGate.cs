using Microsoft.AspNetCore.Http;

namespace Streams.LoadTest;

/// <summary>
/// Decides a webhook request's answer before its events are recorded: null lets the receiver record them and answer
/// 200; any other result is sent instead and the events count as not received (the sender will try them again).
/// </summary>
internal delegate ValueTask<IResult?> ReceiverGate(HttpRequest request);

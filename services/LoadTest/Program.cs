using Streams.LoadTest;

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    // Ctrl-C ends the run early; what was measured so far is not written, the process just stops cleanly.
    press.Cancel = true;
    stopping.Cancel();
};

try
{
    return await LoadTestCli.RunAsync(args, Console.Out, stopping.Token);
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("streams loadtest: stopped");
    return 130;
}

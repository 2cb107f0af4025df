using Streams.Chaos;

using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, press) =>
{
    // Ctrl-C ends the matrix early; the current row's processes are killed on the way out.
    press.Cancel = true;
    stopping.Cancel();
};

try
{
    return await ChaosCli.RunAsync(args, Console.Out, stopping.Token);
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("streams chaos: stopped");
    return 130;
}

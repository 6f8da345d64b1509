// Entry point of the `es` command: wires Ctrl-C to a cancellation token and hands over to EsCli.
namespace Es.Node;

/// <summary>The process entry point; everything testable lives in <see cref="EsCli"/>.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        // The first Ctrl-C asks the running command to stop gracefully (train writes its final
        // checkpoint); a second one is left to the runtime, which ends the process at once.
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (interrupt.IsCancellationRequested) return;
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await EsCli.RunAsync(args, Console.Out, Console.Error, interrupt.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}

// Entry point of the `es` command: wires Ctrl-C to a cancellation token and hands over to EsCli.
using Es.Actors.Hosting;

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
        // A command that runs actors starts Akka now, so its first start (about half a second of
        // compiling Akka's start-up code) overlaps parsing the command line and reading the
        // configuration instead of following them (docs/actors.md, single-process mode).
        if (args is ["train" or "head" or "worker" or "compare", ..]) _ = EsActorSystem.WarmUpAsync();
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

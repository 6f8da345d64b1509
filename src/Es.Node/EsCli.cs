// The `es` command line: parses arguments, dispatches to a command and maps every outcome to an exit code.
using Es.Core.Text;
using System.CommandLine;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.MuJoCo;
using Es.Node.Commands;

namespace Es.Node;

/// <summary>
/// The whole command behind <c>es</c>, callable in-process so tests see exactly what a user
/// would: the same parsing, messages and exit codes, with the output captured.
/// </summary>
public static class EsCli
{
    /// <summary>Runs <c>es</c> with <paramref name="args"/> and returns its exit code.</summary>
    /// <param name="args">The arguments after the program name.</param>
    /// <param name="stdout">Results: JSON, tables, progress and summaries.</param>
    /// <param name="stderr">Messages, each starting with "es: ".</param>
    /// <param name="cancellation">Ctrl-C: a training run stops gracefully and writes its final checkpoint.</param>
    /// <returns>0 success, 1 failure while running, 2 bad input, 130 an evaluation interrupted by Ctrl-C.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellation = default)
    {
        // Only the real console can be a terminal; a caller's writer is always treated as a file.
        bool terminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        return RunAsync(args, new CliContext(stdout, stderr, terminal), cancellation);
    }

    internal static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellation)
    {
        // The MuJoCo tasks live outside Es.Core (native code); registering them loads nothing yet.
        MuJoCoEnvironments.Register();
        RootCommand root = CreateRoot(context);
        string[] commands = root.Subcommands.Select(c => c.Name).ToArray();
        // A missing or unknown command makes every later token unrecognized too; say the one thing that matters.
        if (args.Length == 0)
        {
            context.Fail($"a command is required: {string.Join(", ", commands)} (es --help for usage)");
            return ExitCodes.BadInput;
        }
        if (!args[0].StartsWith('-') && !commands.Contains(args[0]))
        {
            context.Fail($"unknown command '{args[0]}'{Suggestion(args[0], commands)}; commands: {string.Join(", ", commands)}");
            return ExitCodes.BadInput;
        }

        ParseResult parsed = root.Parse(args);
        // --help and --version clear parse errors; anything else with errors is bad input, reported our way.
        if (parsed.Errors.Count > 0 && parsed.Action is not { ClearsParseErrors: true })
        {
            foreach (var error in parsed.Errors)
                context.Fail(error.Message);
            context.Error.WriteLine("Run 'es --help' for usage.");
            return ExitCodes.BadInput;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl-C is ours (Program wires it to the token): the library must not end the process.
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(invocation, cancellation).ConfigureAwait(false);
    }

    /// <summary>Runs a command's body, turning each kind of failure into its message and exit code.</summary>
    internal static async Task<int> Guard(CliContext context, Func<Task<int>> body, CancellationToken cancellation)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            context.Fail(e.Message);
        }
        catch (ConfigException e)
        {
            context.Fail(e.Message);
        }
        catch (CheckpointException e)
        {
            context.Fail(e.Message);
        }
        catch (Es.Viz.VizInputException e)
        {
            context.Fail(e.Message);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            context.Fail("interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            context.Fail($"unexpected error: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
        return ExitCodes.BadInput;
    }

    private static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand("EsAkka: train and evaluate policies with Evolution Strategies.")
        {
            TrainCommand.Create(context),
            HeadCommand.Create(context),
            WorkerCommand.Create(context),
            EvalCommand.Create(context),
            InspectCommand.Create(context),
            EnvsCommand.Create(context),
            CompareCommand.Create(context),
            ReportCommand.Create(context),
            RenderCommand.Create(context),
            PlaygroundCommand.Create(context),
        };
        return root;
    }

    /// <summary>" (did you mean 'train'?)" when <paramref name="token"/> is a near miss of a command name.</summary>
    private static string Suggestion(string token, string[] commands) =>
        NearMiss.Best(token, commands) is { } best ? $" (did you mean '{best}'?)" : string.Empty;
}

// `es worker`: a node with a rollout pool that joins a cluster run through its seed nodes and evaluates until the run ends.
using System.CommandLine;
using Es.Actors.Hosting;
using Es.Core.Configuration;

namespace Es.Node.Commands;

/// <summary>
/// Runs a worker node. It may start before the head (it waits for the run's first state), join or
/// leave at any time, ends when the run ends, and is refused (exit 2) with the list of
/// differences when its settings would not give the run's bits (another noise table, policy,
/// task, strategy or seed). A worker the cluster removes (downing) exits with code 1.
/// </summary>
internal static class WorkerCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var config = new Option<string>("--config", "-c") { Description = "The HOCON configuration file (the same as the head's).", Required = true, HelpName = "FILE" };
        var set = new Option<string[]>("--set") { HelpName = "KEY=VALUE", Description = "Override one setting (repeatable).", DefaultValueFactory = _ => [] };
        var evaluators = new Option<int>("--evaluators") { HelpName = "N", Description = "Evaluators on this node (0 = es.cluster.evaluators, whose 0 is one per core).", DefaultValueFactory = _ => 0 };
        var command = new Command("worker", "Evaluate tasks for a cluster run until it ends (or Ctrl-C).") { config, set, evaluators };
        command.SetAction((parsed, cancellation) => EsCli.Guard(
            context,
            () => RunAsync(context, parsed.GetValue(config)!, parsed.GetValue(set) ?? [], parsed.GetValue(evaluators), cancellation),
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string config, string[] overrides, int evaluators, CancellationToken cancellation)
    {
        if (!File.Exists(config)) throw new UsageException($"config file not found: {config}");
        if (evaluators < 0) throw new UsageException($"--evaluators must be 0 or more (got {evaluators}).");
        EsSettings settings = SettingsLoader.Load(config, overrides);
        ClusterSettings cluster = settings.Cluster;
        var plan = new RunPlan(new RunOptions(settings) { Evaluators = evaluators > 0 ? evaluators : cluster.Evaluators });
        context.Say($"worker: {plan.Evaluators} evaluator(s), run '{cluster.RunId}'");
        NodeOutcome node = await ClusterNode.RunAsync(
            new ClusterNodeOptions(plan, Head: false, Evaluate: true, run => RunCompatibility.Check(settings, run), context.Say),
            cancellation).ConfigureAwait(false);
        switch (node.End)
        {
            case NodeEnd.Refused:
                throw new UsageException(node.Message);
            case NodeEnd.RunEndedElsewhere or NodeEnd.RunFinishedHere or NodeEnd.Stopped:
                context.Say($"worker: {node.Message}");
                return ExitCodes.Success;
            default:
                context.Fail(node.Message);
                return ExitCodes.Failure;
        }
    }
}

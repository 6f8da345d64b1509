// `es worker`: a rollout pool that joins a cluster run through its seed node and evaluates until stopped.
using System.CommandLine;
using Es.Actors.Fabric.Redis;
using Es.Actors.Hosting;
using Es.Core.Configuration;

namespace Es.Node.Commands;

/// <summary>
/// Runs a worker. It may start before the head (it waits for the run's first snapshot), join or
/// leave at any time, and is refused with a clear message when its settings would not give the
/// head's bits (another noise table, policy, task, strategy or seed).
/// </summary>
internal static class WorkerCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var config = new Option<string>("--config", "-c") { Description = "The HOCON configuration file (the same as the head's).", Required = true, HelpName = "FILE" };
        var set = new Option<string[]>("--set") { HelpName = "KEY=VALUE", Description = "Override one setting (repeatable).", DefaultValueFactory = _ => [] };
        var evaluators = new Option<int>("--evaluators") { HelpName = "N", Description = "Evaluators on this node (0 = es.cluster.evaluators, whose 0 is one per core).", DefaultValueFactory = _ => 0 };
        var nodeId = new Option<string?>("--node-id") { HelpName = "ID", Description = "This node's name in heartbeats (default: host name and process id)." };
        var command = new Command("worker", "Evaluate tasks for a cluster run until Ctrl-C.") { config, set, evaluators, nodeId };
        command.SetAction((parsed, cancellation) => EsCli.Guard(
            context,
            () => RunAsync(context, parsed.GetValue(config)!, parsed.GetValue(set) ?? [], parsed.GetValue(evaluators), parsed.GetValue(nodeId), cancellation),
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string config, string[] overrides, int evaluators, string? nodeId, CancellationToken cancellation)
    {
        if (!File.Exists(config)) throw new UsageException($"config file not found: {config}");
        if (evaluators < 0) throw new UsageException($"--evaluators must be 0 or more (got {evaluators}).");
        EsSettings settings = SettingsLoader.Load(config, overrides);
        ClusterSettings cluster = settings.Cluster;
        var plan = new RunPlan(new RunOptions(settings) { Evaluators = evaluators > 0 ? evaluators : cluster.Evaluators });
        string id = nodeId ?? NodeHost.DefaultNodeId();
        await using RedisFabric fabric = ClusterFabric.Connect(cluster, context.Error);
        context.Out.WriteLine($"worker {id}: {plan.Evaluators} evaluator(s), run '{cluster.RunId}' at {string.Join(", ", cluster.SeedNodes)}");
        context.Out.Flush();

        string? mismatch = await RunCompatibility.CheckAgainstHeadAsync(settings, fabric, context, cancellation).ConfigureAwait(false);
        if (mismatch is not null) throw new UsageException(mismatch);
        if (cancellation.IsCancellationRequested) return ExitCodes.Success;

        context.Out.WriteLine($"worker {id}: joined; evaluating until Ctrl-C");
        context.Out.Flush();
        await WorkerRun.RunAsync(plan, fabric, id, cancellation).ConfigureAwait(false);
        context.Out.WriteLine($"worker {id}: stopped");
        return ExitCodes.Success;
    }
}

// `es head`: a head-role node of a cluster run: the coordinator and aggregator (as a cluster singleton), and a rollout pool when es.cluster.head-evaluates is on.
using System.CommandLine;
using Es.Actors.Hosting;
using Es.Core.Training;

namespace Es.Node.Commands;

/// <summary>
/// Runs a head-role node: the same options, files and output as <c>es train</c>, but the tasks
/// go to the worker nodes that join the cluster through <c>akka.cluster.seed-nodes</c> (and to a
/// local rollout pool too when <c>es.cluster.head-evaluates</c> is on). Several head-role nodes
/// make standbys: the run lives on the oldest, and when it dies the next continues the run from
/// the replicas' state and writes into its own run directory.
/// </summary>
internal static class HeadCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context) =>
        TrainCommand.Create(context, "head", "Coordinate a cluster run: workers join through the seed nodes in akka.cluster.seed-nodes.",
            (options, cancellation) => RunAsync(context, options, cancellation));

    private static async Task<RunOutcome> RunAsync(CliContext context, RunOptions options, CancellationToken cancellation)
    {
        var cluster = options.Settings.Cluster;
        var plan = new RunPlan(options with { TaskTimeout = cluster.TaskTimeout, StragglerCutoff = cluster.StragglerCutoff, Evaluators = options.Evaluators > 0 ? options.Evaluators : cluster.Evaluators });
        NodeOutcome node = await ClusterNode.RunAsync(
            new ClusterNodeOptions(plan, Head: true, Evaluate: cluster.HeadEvaluates, run => RunCompatibility.Check(options.Settings, run), context.Say),
            cancellation).ConfigureAwait(false);
        return node.End switch
        {
            NodeEnd.RunFinishedHere => node.Run!,
            NodeEnd.Refused => throw new UsageException(node.Message),
            NodeEnd.RunEndedElsewhere => new RunOutcome(StopReason.EndedElsewhere, 0, [], null, null, null),
            NodeEnd.Stopped => new RunOutcome(StopReason.Interrupted, 0, [], null, null, null),
            _ => new RunOutcome(StopReason.Failed, 0, [], null, node.Message, null),
        };
    }
}

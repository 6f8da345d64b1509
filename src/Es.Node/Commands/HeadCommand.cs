// `es head`: the coordinator and aggregator of a cluster run, over the Redis fabric named in es.cluster.
using System.CommandLine;
using Es.Actors.Fabric.Redis;
using Es.Actors.Hosting;

namespace Es.Node.Commands;

/// <summary>
/// Runs the head of a cluster run: the same options, files and output as <c>es train</c>, but
/// the tasks go to the workers through Redis (and to a local rollout pool too when
/// <c>es.cluster.head-evaluates</c> is on).
/// </summary>
internal static class HeadCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context) =>
        TrainCommand.Create(context, "head", "Coordinate a cluster run: workers join through the seed node in es.cluster.seed-nodes.", RunAsync);

    private static async Task<RunOutcome> RunAsync(RunOptions options, CancellationToken cancellation)
    {
        var cluster = options.Settings.Cluster;
        await using RedisFabric fabric = ClusterFabric.Connect(cluster, Console.Error);
        var plan = new RunPlan(options with { TaskTimeout = cluster.TaskTimeout, StragglerCutoff = cluster.StragglerCutoff, Evaluators = options.Evaluators > 0 ? options.Evaluators : cluster.Evaluators });
        return await HeadRun.RunAsync(plan, fabric, cluster.HeadEvaluates, cancellation).ConfigureAwait(false);
    }
}

// Starts the actors of one node that evaluates: its parameter replica, its rollout pool and its task feed.
using Akka.Actor;
using Es.Actors.Evolution;
using Es.Actors.Fabric;

namespace Es.Actors.Hosting;

/// <summary>The evaluating side of a run, as started on a worker (or on the head in single-process mode).</summary>
public static class NodeHost
{
    /// <summary>Tasks a node claims ahead per evaluator until its first task times are known.</summary>
    public const int PerEvaluator = 8;

    /// <summary>Work a node claims ahead per evaluator once task times are known (see <see cref="ClaimAhead"/>): enough to cover a claim's round trip and the feed's turns on a busy machine, short enough that no generation waits long for one node's last tasks.</summary>
    /// <remarks>16 ms: measured against 8 ms, alternated three times on the cluster benchmark (docs/benchmarks.md), (c) 3.5–3.7 → 3.8–3.9 M steps/s.</remarks>
    public static readonly TimeSpan Lookahead = TimeSpan.FromMilliseconds(16);

    /// <summary>Starts a replica, a rollout pool and a task feed in <paramref name="system"/>.</summary>
    /// <param name="system">The node's actor system.</param>
    /// <param name="fabric">The run's fabric.</param>
    /// <param name="plan">The run's composition.</param>
    /// <param name="nodeId">The node's unique id (its fabric consumer name).</param>
    /// <param name="role">"single", "head" or "worker", for heartbeats.</param>
    /// <returns>The rollout pool, which a coordinator in the same process may watch.</returns>
    public static IActorRef Start(ActorSystem system, IFabric fabric, RunPlan plan, string nodeId, string role)
    {
        RunOptions options = plan.Options;
        IActorRef replica = system.ActorOf(ParameterReplica.Props(fabric, plan.CreateLearner()), "replica");
        // The evaluators take their tasks from this queue themselves, as many of one generation at
        // once as the run has lockstep lanes; the feed keeps it filled.
        var queue = new WorkQueue();
        IActorRef pool = system.ActorOf(RolloutPool.Props(plan.Evaluators, plan.CreateEvaluator, options.EvaluatorMaxRetries, options.EvaluatorRetryWindow, queue, plan.Lanes),
            "pool");
        system.ActorOf(TaskFeed.Props(fabric, pool, replica, queue, nodeId, role, plan.Evaluators, PerEvaluator, Lookahead), "feed");
        return pool;
    }

    /// <summary>A node id unique to this process: host name and process id, plus a suffix for several nodes in one process.</summary>
    public static string DefaultNodeId(string? suffix = null) =>
        $"{Environment.MachineName}-{Environment.ProcessId}{(suffix is null ? "" : "-" + suffix)}";
}

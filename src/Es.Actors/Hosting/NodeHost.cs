// Starts the actors of one node: its parameter replica, and when it evaluates, its rollout pool and task feed.
using Akka.Actor;
using Es.Actors.Evolution;

namespace Es.Actors.Hosting;

/// <summary>The evaluating side of a run, as started on a worker, on a head that evaluates, or in single-process mode.</summary>
public static class NodeHost
{
    /// <summary>Tasks a node asks for ahead per evaluator until its first task times are known.</summary>
    public const int PerEvaluator = 8;

    /// <summary>Work a node holds ahead per evaluator once task times are known (see <see cref="ClaimAhead"/>): enough to cover a request's round trip and the feed's turns on a busy machine, short enough that no generation waits long for one node's last tasks.</summary>
    /// <remarks>16 ms: measured against 8 ms, alternated three times on the cluster benchmark (docs/benchmarks.md), (c) 3.5–3.7 → 3.8–3.9 M steps/s.</remarks>
    public static readonly TimeSpan Lookahead = TimeSpan.FromMilliseconds(16);

    /// <summary>Starts this node's parameter replica, which follows the head's updates.</summary>
    /// <param name="system">The node's actor system.</param>
    /// <param name="head">The head (a cluster singleton proxy, or the coordinator itself).</param>
    /// <param name="plan">The run's composition.</param>
    public static IActorRef StartReplica(ActorSystem system, IActorRef head, RunPlan plan) =>
        system.ActorOf(ParameterReplica.Props(head, plan.CreateLearner(), plan.EnvironmentId), "replica");

    /// <summary>Starts the rollout pool, whose evaluators take their tasks from <paramref name="queue"/>.</summary>
    /// <param name="system">The node's actor system.</param>
    /// <param name="plan">The run's composition.</param>
    /// <param name="queue">The node's work queue, shared with its feed.</param>
    public static IActorRef StartPool(ActorSystem system, RunPlan plan, WorkQueue queue)
    {
        RunOptions options = plan.Options;
        // The evaluators take their tasks from this queue themselves, as many of one generation at
        // once as the run has lockstep lanes; the feed keeps it filled.
        return system.ActorOf(RolloutPool.Props(plan.Evaluators, plan.CreateEvaluator, options.EvaluatorMaxRetries, options.EvaluatorRetryWindow, queue, plan.Lanes),
            "pool");
    }

    /// <summary>Starts the task feed that pulls work from the head for <paramref name="pool"/>.</summary>
    /// <param name="system">The node's actor system.</param>
    /// <param name="head">The head.</param>
    /// <param name="plan">The run's composition.</param>
    /// <param name="pool">The node's rollout pool.</param>
    /// <param name="replica">The node's parameter replica.</param>
    /// <param name="queue">The queue the pool's evaluators take from.</param>
    /// <param name="maxResultsPerMessage">Most results in one message to the head (null: the feed's default).</param>
    public static IActorRef StartFeed(ActorSystem system, IActorRef head, RunPlan plan, IActorRef pool, IActorRef replica, WorkQueue queue, int? maxResultsPerMessage = null) =>
        system.ActorOf(TaskFeed.Props(head, pool, replica, queue, plan.Evaluators, PerEvaluator, Lookahead, maxResultsPerMessage: maxResultsPerMessage), "feed");
}

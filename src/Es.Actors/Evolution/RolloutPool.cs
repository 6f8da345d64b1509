// The router over a node's evaluators, with the supervision that restarts them on faults.
using Es.Actors.Dispatch;
using Es.Actors.Routing;
using Es.Actors.Supervision;
using Es.Core.Evaluation;

namespace Es.Actors.Evolution;

/// <summary>
/// Builds a node's rollout pool: a <see cref="SmallestMailboxPool"/> of <see cref="Evaluator"/>s
/// (one per core by default) whose one-for-one strategy restarts a failing evaluator and stops
/// it once it has failed more than <c>maxRetries</c> times within <c>window</c>. The router stops
/// itself when no evaluator is left, which is how the coordinator notices an empty pool.
/// </summary>
public static class RolloutPool
{
    /// <summary>Props of the pool.</summary>
    /// <param name="evaluators">Number of evaluators (0 = one per core).</param>
    /// <param name="factory">Builds each evaluator's <see cref="PairEvaluator"/>.</param>
    /// <param name="maxRetries">Restarts allowed within <paramref name="window"/> before an evaluator is stopped.</param>
    /// <param name="window">The retry window.</param>
    /// <param name="queue">The node's queue the evaluators take their requests from, or null when requests are routed to them.</param>
    public static Props Props(int evaluators, Func<PairEvaluator> factory, int maxRetries, TimeSpan window, WorkQueue? queue = null)
    {
        int count = evaluators > 0 ? evaluators : Environment.ProcessorCount;
        var strategy = new OneForOneStrategy(maxRetries, window, _ => Directive.Restart);
        // Each evaluator on its own thread: a rollout is long synchronous work, which on the shared
        // pool would delay the feed's, the replica's and the aggregator's turns.
        return Evaluator.Props(factory, queue: queue).WithDispatcher(Dispatchers.PinnedDispatcherId).WithRouter(new SmallestMailboxPool(count, strategy));
    }
}

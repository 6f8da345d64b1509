// The pool of a node's evaluators: Akka's pool router as their parent, with the supervision that restarts them on faults.
using Akka.Actor;
using Akka.Routing;
using Es.Core.Evaluation;

namespace Es.Actors.Evolution;

/// <summary>
/// Builds a node's rollout pool: a <see cref="SmallestMailboxPool"/> of <see cref="Evaluator"/>s
/// (one per core by default) on the evaluators' own dispatcher, whose one-for-one strategy
/// restarts a failing evaluator and stops it once it has failed more than <c>maxRetries</c> times
/// within <c>window</c>. The evaluators take their tasks from the node's <see cref="WorkQueue"/>,
/// so the router routes no tasks: it is their supervisor, counts them (<see cref="GetRoutees"/>)
/// and stops itself when no evaluator is left, which is how the coordinator or the worker notices
/// an empty pool (docs/actors.md says why this router). With lockstep lanes each evaluator takes
/// up to that many queued tasks of one generation at once (see <see cref="Evaluator"/>).
/// </summary>
public static class RolloutPool
{
    /// <summary>The evaluators' dispatcher, configured in reference.conf (one dedicated thread per evaluator).</summary>
    public const string DispatcherId = "akka.actor.es-evaluator-dispatcher";

    /// <summary>Props of the pool.</summary>
    /// <param name="evaluators">Number of evaluators (0 = one per core).</param>
    /// <param name="factory">Builds each evaluator's <see cref="PairEvaluator"/>.</param>
    /// <param name="maxRetries">Restarts allowed within <paramref name="window"/> before an evaluator is stopped.</param>
    /// <param name="window">The retry window.</param>
    /// <param name="queue">The node's queue the evaluators take their requests from.</param>
    /// <param name="batch">Most tasks of one generation an evaluator takes and evaluates together: the run's lockstep lanes (1 = one task at a time).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is below 1.</exception>
    public static Props Props(int evaluators, Func<PairEvaluator> factory, int maxRetries, TimeSpan window, WorkQueue queue, int batch = 1)
    {
        int count = evaluators > 0 ? evaluators : Environment.ProcessorCount;
        var strategy = new OneForOneStrategy(maxRetries, window, _ => Directive.Restart);
        return Evaluator.Props(factory, 3, queue, batch, count).WithDispatcher(DispatcherId).WithRouter(new SmallestMailboxPool(count).WithSupervisorStrategy(strategy));
    }
}

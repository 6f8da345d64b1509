// Starts the head of a run: the coordinator and its aggregator, resumed from a checkpoint when asked.
using Akka.Actor;
using Es.Actors.Evolution;
using Es.Actors.Fabric;
using Es.Core.Runs;

namespace Es.Actors.Hosting;

/// <summary>The coordinating side of a run, as started on the head.</summary>
public static class HeadHost
{
    /// <summary>Starts the coordinator (and its aggregator) in <paramref name="system"/>.</summary>
    /// <param name="system">The head's actor system.</param>
    /// <param name="fabric">The run's fabric.</param>
    /// <param name="plan">The run's composition (its resume checkpoint, if any, is where the head continues).</param>
    /// <param name="localPool">A rollout pool in the same process to watch, or null.</param>
    /// <param name="completion">Completed with the outcome when the run ends.</param>
    /// <returns>The coordinator, to which an interrupt can be told.</returns>
    public static IActorRef Start(ActorSystem system, IFabric fabric, RunPlan plan, IActorRef? localPool, TaskCompletionSource<RunOutcome> completion)
    {
        RunOptions options = plan.Options;
        RunDirectory? directory = options.RunDirectory is null ? null : new RunDirectory(options.RunDirectory);
        Props aggregator = Aggregator.Props(fabric, plan.CreateLeadLearner(), directory, options.Observer, plan.EnvironmentId, plan.Configuration,
            options.Settings.Checkpoint.Every, plan.Resume?.BestReturn ?? double.NaN, options.StragglerCutoff);
        return system.ActorOf(Coordinator.Props(fabric, aggregator, plan.CreateStopRule(), options.TaskTimeout, localPool, completion, options.Observer), "coordinator");
    }
}

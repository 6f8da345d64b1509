// Runs the head of a training job over a given fabric, optionally with a local rollout pool.
using Akka.Actor;
using Es.Actors.Fabric;

namespace Es.Actors.Hosting;

/// <summary>The head role: coordinator and aggregator, plus (when asked) a rollout pool of its own.</summary>
public static class HeadRun
{
    /// <summary>Runs until the run ends or <paramref name="cancellation"/> is signalled (which writes a final checkpoint first).</summary>
    /// <param name="plan">The run's composition.</param>
    /// <param name="fabric">The fabric the workers share.</param>
    /// <param name="evaluateLocally">Also start a replica, a pool and a task feed in this process.</param>
    /// <param name="cancellation">Ends the run gracefully.</param>
    public static async Task<RunOutcome> RunAsync(RunPlan plan, IFabric fabric, bool evaluateLocally, CancellationToken cancellation = default)
    {
        ActorSystem system = EsActorSystem.Create("es-head", plan.Options.Settings);
        try
        {
            var completion = new TaskCompletionSource<RunOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            IActorRef? pool = evaluateLocally ? NodeHost.Start(system, fabric, plan, NodeHost.DefaultNodeId("head"), "head") : null;
            IActorRef coordinator = HeadHost.Start(system, fabric, plan, pool, completion);
            using (cancellation.Register(() => coordinator.Tell(Evolution.Coordinator.Interrupt.Instance)))
            {
                return await completion.Task.ConfigureAwait(false);
            }
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
    }
}

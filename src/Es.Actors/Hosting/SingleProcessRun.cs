// Runs a training job in this process: coordinator, aggregator, replica and a rollout pool in one actor system.
using Akka.Actor;
using Es.Actors.Evolution;

namespace Es.Actors.Hosting;

/// <summary>
/// Single-process mode: the very actors of a cluster run, in one actor system with Akka's local
/// provider (no remoting, no ports). The feed asks the coordinator for work and the replica
/// follows its updates through the event stream instead of the cluster's pub/sub topic.
/// </summary>
public static class SingleProcessRun
{
    /// <summary>Trains until a stop rule fires, the run fails, or <paramref name="cancellation"/> is signalled (which writes a final checkpoint first).</summary>
    /// <exception cref="Es.Core.Configuration.ConfigException">The settings cannot be run.</exception>
    /// <exception cref="Es.Core.Checkpoints.CheckpointException">The checkpoint to resume from cannot be read or does not fit.</exception>
    public static async Task<RunOutcome> RunAsync(RunOptions options, CancellationToken cancellation = default)
    {
        var plan = new RunPlan(options);
        ActorSystem system = EsActorSystem.Create("es", options.Settings);
        try
        {
            var completion = new TaskCompletionSource<RunOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
            var queue = new WorkQueue();
            IActorRef pool = NodeHost.StartPool(system, plan, queue);
            IActorRef coordinator = system.ActorOf(Coordinator.Props(new HeadSetup(plan, completion, pool, TakeOverWait: TimeSpan.Zero)), "coordinator");
            IActorRef replica = NodeHost.StartReplica(system, coordinator, plan);
            NodeHost.StartFeed(system, coordinator, plan, pool, replica, queue);
            using (cancellation.Register(() => coordinator.Tell(Coordinator.Interrupt.Instance)))
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

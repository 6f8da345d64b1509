// Runs a worker: a replica, a rollout pool and a task feed that serve whatever run the fabric carries.
using Akka.Actor;
using Es.Actors.Fabric;

namespace Es.Actors.Hosting;

/// <summary>The worker role. A worker may start before the head (its replica waits for the first snapshot) and may join or leave at any time.</summary>
public static class WorkerRun
{
    /// <summary>Evaluates tasks until <paramref name="cancellation"/> is signalled.</summary>
    /// <param name="plan">The run's composition (the same settings as the head's).</param>
    /// <param name="fabric">The run's fabric.</param>
    /// <param name="nodeId">This node's unique id.</param>
    /// <param name="cancellation">Stops the worker; tasks it had claimed but not finished are claimed again by others after the claim timeout.</param>
    public static async Task RunAsync(RunPlan plan, IFabric fabric, string nodeId, CancellationToken cancellation)
    {
        ActorSystem system = EsActorSystem.Create("es-worker", plan.Options.Settings);
        var poolGone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            IActorRef pool = NodeHost.Start(system, fabric, plan, nodeId, "worker");
            system.ActorOf(Props.Create(() => new Watcher(pool, poolGone)), "watcher");
            await Task.WhenAny(Task.Delay(Timeout.Infinite, cancellation), poolGone.Task).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
        finally
        {
            await system.Terminate().ConfigureAwait(false);
        }
        if (poolGone.Task.IsCompleted && !cancellation.IsCancellationRequested)
            throw new InvalidOperationException("no evaluators are left on this worker: every evaluator stopped after failing past its retry budget (see the log).");
    }

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef pool, TaskCompletionSource gone)
        {
            Context.Watch(pool);
            Receive<Terminated>(_ => gone.TrySetResult());
        }
    }
}

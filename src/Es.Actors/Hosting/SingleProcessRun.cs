// Runs a training job in this process: coordinator, aggregator, replica and a rollout pool over the in-memory fabric.
using Es.Actors.Evolution;
using Es.Actors.Fabric;
using Es.Core.Runs;

namespace Es.Actors.Hosting;

/// <summary>
/// Single-process mode: the very actors of a cluster run, in one actor system, with
/// <see cref="InMemoryFabric"/> in place of Redis. No server is needed.
/// </summary>
public static class SingleProcessRun
{
    /// <summary>Trains until a stop rule fires, the run fails, or <paramref name="cancellation"/> is signalled (which writes a final checkpoint first).</summary>
    /// <exception cref="Es.Core.Configuration.ConfigException">The settings cannot be run.</exception>
    /// <exception cref="Es.Core.Checkpoints.CheckpointException">The checkpoint to resume from cannot be read or does not fit.</exception>
    public static async Task<RunOutcome> RunAsync(RunOptions options, CancellationToken cancellation = default)
    {
        var plan = new RunPlan(options);
        RunDirectory? directory = options.RunDirectory is null ? null : new RunDirectory(options.RunDirectory);
        await using var fabric = new InMemoryFabric(claimTimeout: options.TaskTimeout);
        await using ActorSystem system = ActorSystem.Create("es");
        var completion = new TaskCompletionSource<RunOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);

        IActorRef replica = system.ActorOf(ParameterReplica.Props(fabric, plan.CreateLearner()), "replica");
        IActorRef pool = system.ActorOf(RolloutPool.Props(plan.Evaluators, plan.CreateEvaluator, options.EvaluatorMaxRetries, options.EvaluatorRetryWindow), "pool");
        system.ActorOf(TaskFeed.Props(fabric, pool, replica, $"{Environment.MachineName}-{Environment.ProcessId}", "single", plan.Evaluators), "feed");
        Props aggregator = Aggregator.Props(fabric, plan.CreateLeadLearner(), directory, options.Observer, plan.EnvironmentId, plan.Configuration,
            options.Settings.Checkpoint.Every, plan.Resume?.BestReturn ?? double.NaN);
        IActorRef coordinator = system.ActorOf(Coordinator.Props(fabric, aggregator, plan.CreateStopRule(), options.TaskTimeout, pool, completion, options.Observer), "coordinator");

        using (cancellation.Register(() => coordinator.Tell(Coordinator.Interrupt.Instance)))
        {
            RunOutcome outcome = await completion.Task.ConfigureAwait(false);
            await system.Terminate().ConfigureAwait(false);
            return outcome;
        }
    }
}

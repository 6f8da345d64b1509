// Runs a training job in this process: coordinator, aggregator, replica and a rollout pool over the in-memory fabric.
using Es.Actors.Fabric;

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
        await using var fabric = new InMemoryFabric(claimTimeout: options.TaskTimeout);
        return await HeadRun.RunAsync(plan, fabric, evaluateLocally: true, cancellation).ConfigureAwait(false);
    }
}

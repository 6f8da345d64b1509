// Runs a training job in this process: the ES actors over the in-memory fabric (implementation in progress).
namespace Es.Actors.Hosting;

/// <summary>Single-process mode: coordinator, aggregator, replica and a rollout pool in one actor system, no server.</summary>
public static class SingleProcessRun
{
    /// <summary>Trains until a stop rule fires or <paramref name="cancellation"/> is signalled (which writes a final checkpoint first).</summary>
    /// <exception cref="Es.Core.Configuration.ConfigException">The settings cannot be run.</exception>
    /// <exception cref="Es.Core.Checkpoints.CheckpointException">The checkpoint to resume from cannot be read.</exception>
    public static Task<RunOutcome> RunAsync(RunOptions options, CancellationToken cancellation = default) =>
        throw new NotImplementedException("single-process run: the ES actors are being written");
}

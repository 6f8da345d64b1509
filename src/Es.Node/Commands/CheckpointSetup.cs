// Rebuilds the trainer a checkpoint came from, out of the configuration embedded in it.
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Training;

namespace Es.Node.Commands;

/// <summary>
/// A checkpoint carries its resolved configuration, so it can be evaluated anywhere without the
/// original files; this turns it back into a trainer positioned at the checkpoint.
/// </summary>
internal static class CheckpointSetup
{
    /// <summary>Loads <paramref name="path"/> and restores a local trainer with <paramref name="threads"/> evaluators.</summary>
    /// <exception cref="CheckpointException">The file cannot be read or does not match its own configuration.</exception>
    /// <exception cref="ConfigException">The embedded configuration is not valid for this build.</exception>
    public static (Checkpoint Checkpoint, LocalTrainer Trainer) Restore(string path, int threads)
    {
        Checkpoint checkpoint = CheckpointFile.Load(path);
        EsSettings settings = SettingsLoader.ParseSaved(checkpoint.Configuration, path + " (embedded configuration)");
        TrainingSetup setup;
        try
        {
            setup = TrainingSetup.FromSettings(settings);
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException(path, $"its embedded configuration cannot be built: {e.Message}", e);
        }
        if (setup.Dimension != checkpoint.Strategy.Center.Length)
            throw new CheckpointException(path, $"holds {checkpoint.Strategy.Center.Length} parameters, but its embedded configuration builds {setup.Dimension}.");
        LocalTrainer trainer = setup.CreateLocalTrainer(threads);
        try
        {
            trainer.Learner.Restore(checkpoint);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new CheckpointException(path, $"does not match its embedded configuration: {e.Message}", e);
        }
        return (checkpoint, trainer);
    }
}

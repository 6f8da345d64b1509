// `es render`: a GIF of a checkpoint's policy acting, or of a test function's search path.
using System.CommandLine;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Evaluation;
using Es.Core.Objectives;
using Es.Core.Policies;
using Es.Core.Training;
using Es.Node.Output;
using Es.Viz;
using Es.Viz.Render;

namespace Es.Node.Commands;

/// <summary>
/// Draws evaluation episodes of a checkpoint (the ones <c>es eval --seed</c> runs, so the returns
/// agree), or for a test function replays the run from its configuration and draws θ's path.
/// </summary>
internal static class RenderCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "The checkpoint file (.ckpt).", Required = true, HelpName = "FILE" };
        var episodes = new Option<int>("--episodes", "-n") { HelpName = "N", Description = "Episodes to draw, one after another (default 1).", DefaultValueFactory = _ => 1 };
        var seed = new Option<long>("--seed")
        {
            HelpName = "GENERATION",
            Description = "Seed generation, as for es eval: episode k is evaluation episode k of this generation. Default -1.",
            DefaultValueFactory = _ => EvalCommand.HeldOutSeedGeneration,
        };
        var every = new Option<int>("--every") { HelpName = "K", Description = "Draw every K-th step (and always the first and last); shortens long episodes (default 1).", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out", "-o") { HelpName = "FILE.gif", Description = "The GIF to write.", Required = true };
        var command = new Command("render", "Draw a checkpoint's policy acting (or a test function's search path) into a GIF.") { checkpoint, episodes, seed, every, output };
        command.SetAction((parsed, cancellation) => EsCli.Guard(
            context,
            () => Task.Run(() => Run(context, parsed.GetValue(checkpoint)!, parsed.GetValue(episodes), parsed.GetValue(seed), parsed.GetValue(every), parsed.GetValue(output)!, cancellation), CancellationToken.None),
            cancellation));
        return command;
    }

    private static int Run(CliContext context, string path, int episodes, long seedGeneration, int every, string output, CancellationToken cancellation)
    {
        if (episodes < 1) throw new UsageException($"--episodes must be at least 1 (got {episodes}).");
        if (every < 1) throw new UsageException($"--every must be at least 1 (got {every}).");
        CheckOutput(output);
        (Checkpoint ckpt, LocalTrainer trainer) = CheckpointSetup.Restore(path, 1);
        TrainingSetup setup = TrainingSetup.FromSettings(SettingsLoader.Parse(ckpt.Configuration, path + " (embedded configuration)"));
        Learner learner = trainer.Learner;

        if (setup.NewObjective() is { } objective)
        {
            IReadOnlyList<float[]> searchPath = Replay(context, setup, ckpt, cancellation);
            var renderer = new ObjectivePathRenderer(objective);
            using var gif = new GifWriter(ObjectivePathRenderer.FrameSize, ObjectivePathRenderer.FrameSize, 10);
            renderer.Render(searchPath, gif);
            Save(gif, output);
            JsonLine.Write(context.Out, w =>
            {
                w.WriteString("out", Path.GetFullPath(output));
                w.WriteNumber("frames", gif.Frames);
                w.WriteString("objective", objective.Id);
                w.WriteNumber("generations", searchPath.Count - 1);
            });
            return ExitCodes.Success;
        }

        IEnvironment env = setup.NewEnvironment()!;
        var policy = new Policy(setup.Policy!, env.Spec);
        // The reference batch is collected from the run seed, so it is the one the checkpoint was trained with (Restore checked).
        if (setup.ReferenceBatch is not null) policy.SetReferenceBatch(setup.ReferenceBatch);
        var episodeRenderer = new EpisodeRenderer(env, policy);
        ulong[] seeds = Enumerable.Range(0, episodes).Select(k => Seeds.Evaluation(learner.RunSeed, seedGeneration, k)).ToArray();
        using (var gif = new GifWriter(episodeRenderer.Width, episodeRenderer.Height, FramesPerSecond(env)))
        {
            IReadOnlyList<RenderedEpisode> drawn = episodeRenderer.Render(learner.Parameters, learner.Normalizer, seeds, setup.Settings.Env.MaxEpisodeSteps, every, gif, cancellation);
            Save(gif, output);
            JsonLine.Write(context.Out, w =>
            {
                w.WriteString("out", Path.GetFullPath(output));
                w.WriteNumber("frames", gif.Frames);
                w.WriteString("env_id", env.Spec.Id);
                w.WriteStartArray("episodes");
                foreach (RenderedEpisode e in drawn)
                {
                    w.WriteStartObject();
                    w.WriteNumber("return", e.Return);
                    w.WriteNumber("length", e.Length);
                    w.WriteNumber("frames", e.Frames);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
        }
        return ExitCodes.Success;
    }

    private static double FramesPerSecond(IEnvironment env) => FrameDrawers.For(env).FramesPerSecond;

    /// <summary>θ at every generation up to the checkpoint's, by running the run again from its configuration (test functions are cheap, and runs are exact).</summary>
    private static List<float[]> Replay(CliContext context, TrainingSetup setup, Checkpoint checkpoint, CancellationToken cancellation)
    {
        LocalTrainer replay = setup.CreateLocalTrainer(1);
        var path = new List<float[]> { replay.Learner.Parameters.ToArray() };
        while (replay.Learner.Generation < checkpoint.Generation)
        {
            cancellation.ThrowIfCancellationRequested();
            replay.RunGeneration();
            path.Add(replay.Learner.Parameters.ToArray());
        }
        if (!path[^1].AsSpan().SequenceEqual(checkpoint.Strategy.Center))
            context.Fail("note: replaying the run from its configuration does not reach the checkpoint's θ (was it resumed with other settings?); the path drawn is the replay's.");
        return path;
    }

    private static void CheckOutput(string output)
    {
        string full = Path.GetFullPath(output);
        if (!full.EndsWith(".gif", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--out {output}: the file must end in .gif.");
        if (Directory.Exists(full)) throw new UsageException($"--out {output} is a directory.");
        string? folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder)) throw new UsageException($"--out {output}: the folder {folder} does not exist.");
    }

    private static void Save(GifWriter gif, string output)
    {
        string full = Path.GetFullPath(output);
        string temp = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = File.Create(temp)) gif.Save(stream);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new UsageException($"--out {output} cannot be written: {e.Message}");
        }
    }
}

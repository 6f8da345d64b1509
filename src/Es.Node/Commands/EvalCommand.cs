// `es eval`: the return of a checkpoint's policy over N evaluation episodes, as one JSON object.
using System.CommandLine;
using Es.Core.Training;
using Es.Node.Output;

namespace Es.Node.Commands;

/// <summary>
/// Evaluates θ of a checkpoint without action noise or statistics updates. Episode k uses the
/// reset seed derived from (run seed, seed generation, k), so an evaluation is reproducible and
/// two checkpoints of a run evaluated with the same seed generation meet the same episodes.
/// </summary>
internal static class EvalCommand
{
    /// <summary>
    /// The seed generation used without --seed. Training generations are numbered from 0, so -1
    /// gives episodes that no evaluation during training has seen (no selection bias from the
    /// evaluation that stopped the run).
    /// </summary>
    public const long HeldOutSeedGeneration = -1;

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "The checkpoint file (.ckpt).", Required = true, HelpName = "FILE" };
        var episodes = new Option<int>("--episodes", "-n") { HelpName = "N", Description = "Evaluation episodes.", DefaultValueFactory = _ => 100 };
        var seed = new Option<long?>("--seed")
        {
            HelpName = "GENERATION",
            Description = "Seed generation: episode k uses the reset seed of evaluation episode k of this generation of the run. Default -1: episodes no training evaluation used.",
        };
        var command = new Command("eval", "Evaluate a checkpoint's policy and print one JSON object.") { checkpoint, episodes, seed };
        command.SetAction((parsed, cancellation) => EsCli.Guard(
            context,
            () => RunAsync(context, parsed.GetValue(checkpoint)!, parsed.GetValue(episodes), parsed.GetValue(seed), cancellation),
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string path, int episodes, long? seed, CancellationToken cancellation)
    {
        if (episodes < 1) throw new UsageException($"--episodes must be at least 1 (got {episodes}).");
        var (_, trainer) = CheckpointSetup.Restore(path, Math.Clamp(Environment.ProcessorCount, 1, episodes));
        EvaluationSummary summary = await Task.Run(() => trainer.Evaluate(episodes, seed ?? HeldOutSeedGeneration), CancellationToken.None)
            .WaitAsync(cancellation).ConfigureAwait(false);
        JsonLine.Write(context.Out, w =>
        {
            w.WriteNumberOrNull("mean", summary.Mean);
            w.WriteNumberOrNull("std", summary.Std);
            w.WriteNumberOrNull("min", summary.Min);
            w.WriteNumberOrNull("max", summary.Max);
            w.WriteNumber("mean_length", summary.MeanLength);
            w.WriteNumber("episodes", summary.Episodes);
        });
        return ExitCodes.Success;
    }
}

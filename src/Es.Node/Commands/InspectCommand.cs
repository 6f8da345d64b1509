// `es inspect`: what a checkpoint holds, as one JSON object, without running anything.
using System.Buffers.Binary;
using System.CommandLine;
using Es.Core.Checkpoints;
using Es.Core.Numerics;
using Es.Node.Output;

namespace Es.Node.Commands;

/// <summary>
/// Prints a checkpoint's identity (generation, task, parameter fingerprint, seed, progress) so
/// two checkpoints can be compared, or a run's state checked, with nothing but jq.
/// </summary>
internal static class InspectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "The checkpoint file (.ckpt).", Required = true, HelpName = "FILE" };
        var command = new Command("inspect", "Print what a checkpoint holds as one JSON object.") { checkpoint };
        command.SetAction((parsed, cancellation) =>
            EsCli.Guard(context, () => Task.FromResult(Run(context, parsed.GetValue(checkpoint)!)), cancellation));
        return command;
    }

    private static int Run(CliContext context, string path)
    {
        Checkpoint c = CheckpointFile.Load(path);
        int version = ReadFormatVersion(path);
        JsonLine.Write(context.Out, w =>
        {
            w.WriteNumber("generation", c.Generation);
            w.WriteString("env_id", c.EnvironmentId);
            w.WriteNumber("parameter_count", c.Strategy.Center.Length);
            w.WriteString("parameters_sha256", ParameterHash.Sha256Hex(c.Strategy.Center));
            w.WriteNumber("run_seed", c.RunSeed);
            w.WriteNumber("timesteps", c.Timesteps);
            w.WriteNumber("episodes", c.Episodes);
            w.WriteNumberOrNull("best_return", c.BestReturn);
            w.WriteNumber("format_version", version);
            w.WriteString("strategy", c.Strategy.Name);
        });
        return ExitCodes.Success;
    }

    /// <summary>The version field of the header (bytes 8–11), which the loader checks but does not return.</summary>
    private static int ReadFormatVersion(string path)
    {
        Span<byte> header = stackalloc byte[12];
        using var stream = File.OpenRead(path);
        stream.ReadExactly(header);
        return BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
    }
}

// The files of a run: resolved configuration, metrics.jsonl and the latest, best and final checkpoints.
using System.Text.Json;
using Es.Core.Checkpoints;

namespace Es.Core.Runs;

/// <summary>
/// Owns a run directory. Checkpoints are written atomically (<see cref="CheckpointFile.Save"/>);
/// each metrics line is appended and flushed whole, so a crash loses at most the line being
/// written and never leaves half a checkpoint.
/// </summary>
public sealed class RunDirectory
{
    /// <summary>File name of the resolved configuration.</summary>
    public const string ConfigurationFile = "config.conf";

    /// <summary>File name of the metrics, one JSON object per generation.</summary>
    public const string MetricsFile = "metrics.jsonl";

    /// <summary>Opens (creating if needed) <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    public RunDirectory(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(Path);
    }

    /// <summary>The directory.</summary>
    public string Path { get; }

    /// <summary>Checkpoint written every few generations.</summary>
    public string LatestCheckpoint => System.IO.Path.Combine(Path, "latest.ckpt");

    /// <summary>Checkpoint of the best evaluation so far.</summary>
    public string BestCheckpoint => System.IO.Path.Combine(Path, "best.ckpt");

    /// <summary>Checkpoint written when the run ends (goal, budget, Ctrl-C).</summary>
    public string FinalCheckpoint => System.IO.Path.Combine(Path, "final.ckpt");

    /// <summary>Writes the resolved configuration (atomically).</summary>
    public void WriteConfiguration(string hocon) => WriteAtomically(System.IO.Path.Combine(Path, ConfigurationFile), hocon);

    /// <summary>Appends one metrics line.</summary>
    public void AppendMetrics(GenerationMetrics metrics)
    {
        string line = JsonSerializer.Serialize(metrics) + "\n";
        using var stream = new FileStream(System.IO.Path.Combine(Path, MetricsFile), FileMode.Append, FileAccess.Write, FileShare.Read);
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(line);
        stream.Write(bytes);
        stream.Flush(flushToDisk: false);
    }

    private static void WriteAtomically(string path, string text)
    {
        string temp = path + $".{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}

// The error a checkpoint that cannot be read raises, naming the file and what is wrong with it.
namespace Es.Core.Checkpoints;

/// <summary>A checkpoint file is missing, truncated, corrupted, foreign, or from an incompatible format version.</summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public CheckpointException(string path, string reason, Exception? inner = null)
        : base($"{path}: {reason}", inner)
    {
        Path = path;
        Reason = reason;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; }
}

// The kinds of message the envelope carries; the byte values are part of the wire protocol (unchanged since version 1).
namespace Es.Actors.Fabric.Wire;

/// <summary>What an envelope's payload is. Values are written on the wire: never renumber, only add.</summary>
public enum MessageKind : byte
{
    /// <summary>An <see cref="Es.Core.Evaluation.EvaluationTask"/>.</summary>
    Task = 1,

    /// <summary>A <see cref="Es.Core.Evaluation.TaskResult"/>.</summary>
    Result = 2,

    /// <summary>A <see cref="Es.Core.Training.GenerationUpdate"/>.</summary>
    Generation = 3,

    /// <summary>A <see cref="Es.Core.Checkpoints.Checkpoint"/> (the checkpoint file's bytes).</summary>
    Snapshot = 4,

    /// <summary>A <see cref="NodeStatus"/> heartbeat.</summary>
    NodeStatus = 5,
}

// The kinds of message the envelope carries; the byte values are part of the wire protocol (1-5 since version 1, 6-15 since version 3, 16-17 since version 4).
namespace Es.Actors.Wire;

/// <summary>What an envelope's payload is. Values are written on the wire: never renumber, only add.</summary>
public enum MessageKind : byte
{
    /// <summary>An <see cref="Es.Core.Evaluation.EvaluationTask"/>.</summary>
    Task = 1,

    /// <summary>A <see cref="Es.Core.Evaluation.TaskResult"/>.</summary>
    Result = 2,

    /// <summary>A <see cref="Es.Core.Training.GenerationUpdate"/>.</summary>
    Generation = 3,

    /// <summary>A <see cref="Es.Core.Checkpoints.Checkpoint"/> (the checkpoint file's bytes); an <see cref="Es.Actors.Evolution.SnapshotReply"/> is exactly this.</summary>
    Snapshot = 4,

    /// <summary>A heartbeat of the retired Redis fabric: never reuse the value.</summary>
    NodeStatus = 5,

    /// <summary>An <see cref="Es.Actors.Evolution.RequestWork"/>.</summary>
    RequestWork = 6,

    /// <summary>A <see cref="Es.Actors.Evolution.WorkBatch"/>.</summary>
    WorkBatch = 7,

    /// <summary>A <see cref="Es.Actors.Evolution.TaskResults"/>.</summary>
    TaskResults = 8,

    /// <summary>A <see cref="Es.Actors.Evolution.GenerationPublished"/>.</summary>
    GenerationPublished = 9,

    /// <summary>A <see cref="Es.Actors.Evolution.GetUpdates"/>.</summary>
    GetUpdates = 10,

    /// <summary>An <see cref="Es.Actors.Evolution.UpdatesReply"/>.</summary>
    UpdatesReply = 11,

    /// <summary>A <see cref="Es.Actors.Evolution.GetSnapshot"/>.</summary>
    GetSnapshot = 12,

    /// <summary>A <see cref="Es.Actors.Evolution.QueryReplicas"/>.</summary>
    QueryReplicas = 13,

    /// <summary>A <see cref="Es.Actors.Evolution.ReplicaState"/>.</summary>
    ReplicaState = 14,

    /// <summary>A <see cref="Es.Actors.Evolution.RunEnded"/>.</summary>
    RunEnded = 15,

    /// <summary>A <see cref="Es.Actors.Evolution.ReturnTasks"/>.</summary>
    ReturnTasks = 16,

    /// <summary>A <see cref="Es.Actors.Evolution.TasksReturned"/>.</summary>
    TasksReturned = 17,
}

// The messages that cross processes in a cluster run: work pulling, results, generation updates, catch-up and take-over.
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Evolution;

/// <summary>
/// Marks the messages that may travel between nodes. Every one is bound to the project's own
/// serializer (<c>Es.Actors.Wire.EsWireSerializer</c>); with strict serialization on, nothing else
/// can be sent, and nothing else is read from the network.
/// </summary>
public interface IWireMessage;

/// <summary>
/// A node's task feed asks the head for up to <paramref name="Max"/> tasks (work pulling). The head
/// answers each request with one <see cref="WorkBatch"/>, as soon as it has tasks; a newer request
/// from the same feed replaces an unanswered one, so a feed that heard nothing for a while (the
/// head moved) simply asks again.
/// </summary>
/// <param name="Max">Tasks the node has room for now.</param>
/// <param name="Evaluators">Evaluators on the node, for the head's metrics.</param>
public sealed record RequestWork(int Max, int Evaluators) : IWireMessage;

/// <summary>The head's answer to <see cref="RequestWork"/>: tasks of the current generation.</summary>
/// <param name="Tasks">The tasks, at most the number asked for.</param>
public sealed record WorkBatch(IReadOnlyList<EvaluationTask> Tasks) : IWireMessage;

/// <summary>
/// The head asks a node for up to <paramref name="Max"/> tasks of <paramref name="Generation"/> that
/// the node holds but has not started, because another node has run out of work: at a
/// generation's end the tasks one node claimed ahead would otherwise keep the others idle. The
/// node takes them out of its queue (never one an evaluator has begun) and answers with
/// <see cref="TasksReturned"/>, possibly empty.
/// </summary>
/// <param name="Generation">The generation whose tasks are wanted.</param>
/// <param name="Max">The most tasks to give back.</param>
public sealed record ReturnTasks(long Generation, int Max) : IWireMessage;

/// <summary>A node's answer to <see cref="ReturnTasks"/>: the tasks it took out of its queue unstarted, which the head gives to other nodes.</summary>
/// <param name="Generation">Their generation.</param>
/// <param name="Tasks">Their indices in the generation.</param>
public sealed record TasksReturned(long Generation, IReadOnlyList<int> Tasks) : IWireMessage;

/// <summary>Results a node's evaluators produced, sent to the head in batches.</summary>
/// <param name="Results">The results, in the order they finished.</param>
public sealed record TaskResults(IReadOnlyList<TaskResult> Results) : IWireMessage;

/// <summary>
/// The update that completes a generation, published by the head to every node's
/// <see cref="ParameterReplica"/>, with what a replica needs besides the learner to take over as
/// the head's memory: the stop rule's streak and the best evaluation so far.
/// </summary>
/// <param name="Update">The update (noise indices and weights, or fitnesses; never θ).</param>
/// <param name="GoalStreak">The stop rule's streak after this generation.</param>
/// <param name="BestReturn">The best evaluation return so far (NaN for none).</param>
public sealed record GenerationPublished(GenerationUpdate Update, int GoalStreak, double BestReturn) : IWireMessage;

/// <summary>A replica that missed updates (or has none yet: <c>-1</c>) asks the head for the updates from <paramref name="FromGeneration"/> on.</summary>
/// <param name="FromGeneration">The replica's generation, or -1 when it has no state.</param>
public sealed record GetUpdates(long FromGeneration) : IWireMessage;

/// <summary>The head's answer to <see cref="GetUpdates"/> when it still holds the missing updates: consecutive, oldest first.</summary>
/// <param name="Updates">The updates.</param>
public sealed record UpdatesReply(IReadOnlyList<GenerationPublished> Updates) : IWireMessage;

/// <summary>A whole learner state: the head's answer to <see cref="GetUpdates"/> when the replica is too far behind, or a replica's answer to <see cref="GetSnapshot"/>.</summary>
/// <param name="Snapshot">The state, with the run's configuration, streak and best return.</param>
public sealed record SnapshotReply(Checkpoint Snapshot) : IWireMessage;

/// <summary>Asks a replica for its whole state (answered with <see cref="SnapshotReply"/> once it has one).</summary>
public sealed record GetSnapshot : IWireMessage
{
    /// <summary>The message.</summary>
    public static GetSnapshot Instance { get; } = new();
}

/// <summary>Published by a head that starts: every replica answers with <see cref="ReplicaState"/>, so the head continues from the most advanced one.</summary>
public sealed record QueryReplicas : IWireMessage
{
    /// <summary>The message.</summary>
    public static QueryReplicas Instance { get; } = new();
}

/// <summary>A replica's answer to <see cref="QueryReplicas"/>.</summary>
/// <param name="Generation">Its generation, or -1 when it has no state yet.</param>
/// <param name="RunEnded">It saw the run end: a new head must not continue it.</param>
public sealed record ReplicaState(long Generation, bool RunEnded) : IWireMessage;

/// <summary>Published by the head when the run ends for any reason: every node stops, and a standby head never continues it.</summary>
/// <param name="Reason">How the run ended, in words.</param>
public sealed record RunEnded(string Reason) : IWireMessage;

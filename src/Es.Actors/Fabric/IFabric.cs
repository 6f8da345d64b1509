// What crosses machines in a run: tasks, results, generation updates, snapshots and heartbeats.
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Fabric;

/// <summary>
/// The channel between the head and the workers. Actors stay inside one process; everything
/// between processes goes through this interface. <see cref="InMemoryFabric"/> serves the
/// single-process mode; the Redis fabric serves clusters. Both give the same guarantees:
/// tasks are delivered at least once (a claimed task that is never acknowledged becomes
/// claimable again after an idle time), results and generation updates are ordered logs that
/// a restarted reader can read again from any position.
/// </summary>
public interface IFabric : IAsyncDisposable
{
    /// <summary>Adds tasks for workers to claim.</summary>
    ValueTask PublishTasksAsync(IReadOnlyList<EvaluationTask> tasks, CancellationToken cancellation = default);

    /// <summary>Claims up to <paramref name="max"/> tasks for <paramref name="consumer"/>, waiting up to <paramref name="wait"/> for some to arrive.</summary>
    /// <remarks>Tasks claimed by any consumer and unacknowledged for longer than the fabric's claim timeout are claimed again.</remarks>
    ValueTask<IReadOnlyList<TaskDelivery>> ClaimTasksAsync(string consumer, int max, TimeSpan wait, CancellationToken cancellation = default);

    /// <summary>Marks a claimed task done (after its result was published).</summary>
    ValueTask AcknowledgeAsync(TaskDelivery delivery, CancellationToken cancellation = default);

    /// <summary>Appends a result to the result log.</summary>
    ValueTask PublishResultAsync(TaskResult result, CancellationToken cancellation = default);

    /// <summary>
    /// Appends the results of claimed tasks to the result log and then acknowledges those tasks:
    /// what a worker does when its evaluators finish. One call for a whole batch, because over a
    /// network each call is a round trip, and a worker that waits for one per task idles its
    /// evaluators.
    /// </summary>
    /// <remarks>Never acknowledges a task whose result is not in the log; if the call fails part-way, some results may be in the log twice after a retry (readers tolerate duplicates).</remarks>
    ValueTask CompleteAsync(IReadOnlyList<CompletedTask> completed, CancellationToken cancellation = default);

    /// <summary>Reads results after <paramref name="position"/> (an opaque cursor; null = from the start), waiting up to <paramref name="wait"/>.</summary>
    ValueTask<ResultBatch> ReadResultsAsync(string? position, int max, TimeSpan wait, CancellationToken cancellation = default);

    /// <summary>Appends the update that completes a generation.</summary>
    ValueTask PublishGenerationAsync(GenerationUpdate update, CancellationToken cancellation = default);

    /// <summary>Reads updates of generations ≥ <paramref name="fromGeneration"/>, in order, waiting up to <paramref name="wait"/> for the first.</summary>
    ValueTask<IReadOnlyList<GenerationUpdate>> ReadGenerationsAsync(long fromGeneration, int max, TimeSpan wait, CancellationToken cancellation = default);

    /// <summary>
    /// Deletes the updates of generations ≥ <paramref name="fromGeneration"/>: a head that starts
    /// (fresh, or resumed from a checkpoint older than what its predecessor published) makes the
    /// log its own history, so no replica replays an update the new head has not made.
    /// </summary>
    ValueTask ForgetGenerationsAsync(long fromGeneration, CancellationToken cancellation = default);

    /// <summary>Stores the full state at a generation, for late joiners and replicas that diverged.</summary>
    ValueTask PublishSnapshotAsync(Checkpoint snapshot, CancellationToken cancellation = default);

    /// <summary>The latest snapshot, or null when none was published.</summary>
    ValueTask<Checkpoint?> ReadSnapshotAsync(CancellationToken cancellation = default);

    /// <summary>Announces that a node is alive (its entry expires unless renewed).</summary>
    ValueTask HeartbeatAsync(NodeStatus status, CancellationToken cancellation = default);

    /// <summary>The nodes whose heartbeats have not expired.</summary>
    ValueTask<IReadOnlyList<NodeStatus>> MembersAsync(CancellationToken cancellation = default);
}

/// <summary>A claimed task and the fabric's id for it (what <see cref="IFabric.AcknowledgeAsync"/> needs).</summary>
/// <param name="Id">The fabric's id of this delivery.</param>
/// <param name="Task">The task.</param>
/// <param name="Reclaimed">The task was claimed before by a node that never acknowledged it (it died or hung): counted as a retry in the metrics.</param>
public sealed record TaskDelivery(string Id, EvaluationTask Task, bool Reclaimed = false);

/// <summary>A claimed task and its result, for <see cref="IFabric.CompleteAsync"/>.</summary>
/// <param name="Delivery">The claimed task.</param>
/// <param name="Result">Its result.</param>
public sealed record CompletedTask(TaskDelivery Delivery, TaskResult Result);

/// <summary>Results read from the log and the cursor to continue from.</summary>
/// <param name="Results">The results, in log order.</param>
/// <param name="Position">Pass to the next read.</param>
public sealed record ResultBatch(IReadOnlyList<TaskResult> Results, string? Position);

/// <summary>A node's heartbeat.</summary>
/// <param name="NodeId">Unique id of the node (host and process).</param>
/// <param name="Role">"head", "worker" or "single".</param>
/// <param name="Evaluators">Evaluators the node runs.</param>
/// <param name="Generation">Generation its replica is at.</param>
public sealed record NodeStatus(string NodeId, string Role, int Evaluators, long Generation);

// The base of the tests' fabric wrappers: passes every call to an InMemoryFabric; a wrapper overrides what it changes or watches.
using Es.Actors.Fabric;
using Es.Core.Checkpoints;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Tests.Support;

/// <summary>An <see cref="IFabric"/> that hands every call to <c>inner</c>.</summary>
internal abstract class DelegatingFabric(InMemoryFabric inner) : IFabric
{
    public virtual ValueTask PublishGenerationAsync(GenerationUpdate update, CancellationToken cancellation = default) => inner.PublishGenerationAsync(update, cancellation);

    public ValueTask PublishTasksAsync(IReadOnlyList<EvaluationTask> tasks, CancellationToken cancellation = default) => inner.PublishTasksAsync(tasks, cancellation);

    public ValueTask<IReadOnlyList<TaskDelivery>> ClaimTasksAsync(string consumer, int max, TimeSpan wait, CancellationToken cancellation = default) =>
        inner.ClaimTasksAsync(consumer, max, wait, cancellation);

    public ValueTask AcknowledgeAsync(TaskDelivery delivery, CancellationToken cancellation = default) => inner.AcknowledgeAsync(delivery, cancellation);

    public ValueTask PublishResultAsync(TaskResult result, CancellationToken cancellation = default) => inner.PublishResultAsync(result, cancellation);

    public virtual ValueTask CompleteAsync(IReadOnlyList<CompletedTask> completed, CancellationToken cancellation = default) => inner.CompleteAsync(completed, cancellation);

    public ValueTask<ResultBatch> ReadResultsAsync(string? position, int max, TimeSpan wait, CancellationToken cancellation = default) =>
        inner.ReadResultsAsync(position, max, wait, cancellation);

    public ValueTask<IReadOnlyList<GenerationUpdate>> ReadGenerationsAsync(long fromGeneration, int max, TimeSpan wait, CancellationToken cancellation = default) =>
        inner.ReadGenerationsAsync(fromGeneration, max, wait, cancellation);

    public ValueTask ForgetGenerationsAsync(long fromGeneration, CancellationToken cancellation = default) => inner.ForgetGenerationsAsync(fromGeneration, cancellation);

    public virtual ValueTask PublishSnapshotAsync(Checkpoint snapshot, CancellationToken cancellation = default) => inner.PublishSnapshotAsync(snapshot, cancellation);

    public ValueTask<Checkpoint?> ReadSnapshotAsync(CancellationToken cancellation = default) => inner.ReadSnapshotAsync(cancellation);

    public ValueTask HeartbeatAsync(NodeStatus status, CancellationToken cancellation = default) => inner.HeartbeatAsync(status, cancellation);

    public ValueTask<IReadOnlyList<NodeStatus>> MembersAsync(CancellationToken cancellation = default) => inner.MembersAsync(cancellation);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}

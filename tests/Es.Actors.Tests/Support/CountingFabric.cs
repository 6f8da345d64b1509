// A fabric that records the size of every CompleteAsync call and counts snapshot publications, so tests can see how results were batched and when state was published.
using System.Collections.Concurrent;
using Es.Actors.Fabric;
using Es.Core.Checkpoints;

namespace Es.Actors.Tests.Support;

/// <summary>Passes everything to an <see cref="InMemoryFabric"/>, recording how many completions each <see cref="IFabric.CompleteAsync"/> call carried and how many snapshots were published.</summary>
internal sealed class CountingFabric(InMemoryFabric inner) : DelegatingFabric(inner)
{
    private readonly InMemoryFabric _inner = inner;

    /// <summary>The batch sizes, in call order.</summary>
    public ConcurrentQueue<int> Completions { get; } = new();

    private int _snapshots;

    /// <summary>Snapshots published so far.</summary>
    public int Snapshots => Volatile.Read(ref _snapshots);

    public override ValueTask PublishSnapshotAsync(Checkpoint snapshot, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref _snapshots);
        return _inner.PublishSnapshotAsync(snapshot, cancellation);
    }

    public override ValueTask CompleteAsync(IReadOnlyList<CompletedTask> completed, CancellationToken cancellation = default)
    {
        Completions.Enqueue(completed.Count);
        return _inner.CompleteAsync(completed, cancellation);
    }
}

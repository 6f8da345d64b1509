// A fabric that records the size of every CompleteAsync call, so tests can see how results were batched.
using System.Collections.Concurrent;
using Es.Actors.Fabric;

namespace Es.Actors.Tests.Support;

/// <summary>Passes everything to an <see cref="InMemoryFabric"/>, recording how many completions each <see cref="IFabric.CompleteAsync"/> call carried.</summary>
internal sealed class CountingFabric(InMemoryFabric inner) : DelegatingFabric(inner)
{
    private readonly InMemoryFabric _inner = inner;

    /// <summary>The batch sizes, in call order.</summary>
    public ConcurrentQueue<int> Completions { get; } = new();

    public override ValueTask CompleteAsync(IReadOnlyList<CompletedTask> completed, CancellationToken cancellation = default)
    {
        Completions.Enqueue(completed.Count);
        return _inner.CompleteAsync(completed, cancellation);
    }
}

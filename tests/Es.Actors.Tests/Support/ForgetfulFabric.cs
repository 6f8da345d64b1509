// A fabric that loses one generation update, as a Redis server restarted without persistence loses what it held.
using Es.Actors.Fabric;
using Es.Core.Training;

namespace Es.Actors.Tests.Support;

/// <summary>Passes everything to an <see cref="InMemoryFabric"/> except the first publication of one generation's update, which it drops.</summary>
internal sealed class ForgetfulFabric(InMemoryFabric inner, long forgetGeneration) : DelegatingFabric(inner)
{
    private readonly InMemoryFabric _inner = inner;
    private int _forgotten;

    public override ValueTask PublishGenerationAsync(GenerationUpdate update, CancellationToken cancellation = default) =>
        update.Generation == forgetGeneration && Interlocked.Exchange(ref _forgotten, 1) == 0
            ? ValueTask.CompletedTask
            : _inner.PublishGenerationAsync(update, cancellation);
}

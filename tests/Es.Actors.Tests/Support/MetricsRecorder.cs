// A run observer that keeps every generation's metrics, for tests that check what a run reported.
using Es.Actors.Hosting;
using Es.Core.Runs;

namespace Es.Actors.Tests.Support;

/// <summary>Records the metrics of every generation (thread-safe: the aggregator calls it from its own thread).</summary>
public sealed class MetricsRecorder : IRunObserver
{
    private readonly List<GenerationMetrics> _generations = [];

    public IReadOnlyList<GenerationMetrics> Generations
    {
        get { lock (_generations) return _generations.ToArray(); }
    }

    public void OnGeneration(GenerationMetrics metrics)
    {
        lock (_generations) _generations.Add(metrics);
    }

    public void OnEvent(string message)
    {
    }
}

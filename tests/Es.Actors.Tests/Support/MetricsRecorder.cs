// A run observer that keeps every generation's metrics and every event, for tests that check what a run reported.
using Es.Actors.Hosting;
using Es.Core.Runs;

namespace Es.Actors.Tests.Support;

/// <summary>Records the metrics of every generation and every event (thread-safe: the aggregator and the coordinator call it from their own threads).</summary>
public sealed class MetricsRecorder : IRunObserver
{
    private readonly List<GenerationMetrics> _generations = [];
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get { lock (_events) return _events.ToArray(); }
    }

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
        lock (_events) _events.Add(message);
    }
}

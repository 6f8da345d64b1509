// Collects what a benchmark needs from a run's progress: training steps so far and the summed generation times.
using Es.Actors.Hosting;
using Es.Core.Runs;

namespace Es.Bench;

/// <summary>An <see cref="IRunObserver"/> that keeps the latest step count and the sum of the generations' wall times.</summary>
internal sealed class RunMetricsObserver : IRunObserver
{
    private long _timesteps;
    private double _generationSeconds;

    /// <summary>Training steps after the latest applied generation.</summary>
    public long Timesteps => Interlocked.Read(ref _timesteps);

    /// <summary>Sum of the generations' wall times (planning to update published), seconds.</summary>
    public double GenerationSeconds
    {
        get
        {
            lock (this) return _generationSeconds;
        }
    }

    public void OnGeneration(GenerationMetrics metrics)
    {
        Interlocked.Exchange(ref _timesteps, metrics.Timesteps);
        lock (this) _generationSeconds += metrics.Seconds;
    }

    public void OnEvent(string message)
    {
    }
}

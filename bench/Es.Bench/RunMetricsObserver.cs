// Collects what a benchmark needs from a run's progress: training steps so far, the summed generation times, and the same without the first generation.
using Es.Actors.Hosting;
using Es.Core.Runs;

namespace Es.Bench;

/// <summary>
/// An <see cref="IRunObserver"/> that keeps the latest step count and the sum of the generations'
/// wall times, in all and from the second generation on: in a cluster run the first generation
/// also waits for the worker nodes to join, which says nothing about how fast the cluster trains.
/// </summary>
internal sealed class RunMetricsObserver : IRunObserver
{
    private long _timesteps;
    private double _generationSeconds;
    private long _firstTimesteps = -1;
    private double _laterSeconds;
    private CpuAccount? _windowStart;
    private CpuAccount? _windowEnd;

    /// <summary>
    /// The run's last generation: when set, the CPU account is read after the first generation and
    /// after this one, so <see cref="WindowCpu"/> covers exactly the generations after the first
    /// (two readings per run; each thread of a node is still alive at both).
    /// </summary>
    public long? LastGeneration { get; init; }

    /// <summary>CPU spent from the end of the first generation to the end of <see cref="LastGeneration"/>, if both were read.</summary>
    public CpuAccount? WindowCpu
    {
        get
        {
            lock (this) return _windowStart is { } start && _windowEnd is { } end ? end.Since(start) : null;
        }
    }

    /// <summary>Training steps after the latest applied generation.</summary>
    public long Timesteps
    {
        get
        {
            lock (this) return _timesteps;
        }
    }

    /// <summary>Sum of the generations' wall times (planning to update published), seconds.</summary>
    public double GenerationSeconds
    {
        get
        {
            lock (this) return _generationSeconds;
        }
    }

    /// <summary>Training steps per second over the generations after the first (NaN before the second).</summary>
    public double SteadyStepsPerSecond
    {
        get
        {
            lock (this) return _laterSeconds > 0 ? (_timesteps - _firstTimesteps) / _laterSeconds : double.NaN;
        }
    }

    /// <summary>The summed wall times of the generations after the first, seconds.</summary>
    public double LaterGenerationSeconds
    {
        get
        {
            lock (this) return _laterSeconds;
        }
    }

    public void OnGeneration(GenerationMetrics metrics)
    {
        lock (this)
        {
            _timesteps = metrics.Timesteps;
            _generationSeconds += metrics.Seconds;
            if (_firstTimesteps < 0) _firstTimesteps = metrics.Timesteps;
            else _laterSeconds += metrics.Seconds;
            if (LastGeneration is not { } last) return;
            if (_windowStart is null) _windowStart = CpuAccount.Now(null);
            else if (metrics.Generation == last) _windowEnd = CpuAccount.Now(null);
        }
    }

    public void OnEvent(string message)
    {
    }
}

// Follows one comparison run's generations: the best and last evaluation, and when the threshold was first met.
using Es.Actors.Hosting;
using Es.Core.Runs;

namespace Es.Node.Compare;

/// <summary>An observer that keeps the few figures a comparison needs from a run's metrics.</summary>
/// <param name="threshold">Evaluation return that counts as solved, or null for none.</param>
internal sealed class ComparisonRecorder(double? threshold) : IRunObserver
{
    private readonly object _gate = new();

    /// <summary>The last evaluation return (NaN before the first).</summary>
    public double LastReturn { get; private set; } = double.NaN;

    /// <summary>The best evaluation return (NaN before the first).</summary>
    public double BestReturn { get; private set; } = double.NaN;

    /// <summary>Training steps at the first evaluation that met the threshold.</summary>
    public long? StepsToThreshold { get; private set; }

    /// <summary>Training steps so far.</summary>
    public long Timesteps { get; private set; }

    /// <inheritdoc/>
    public void OnGeneration(GenerationMetrics metrics)
    {
        lock (_gate)
        {
            // The evaluation measures θ of this generation, before its update: the steps spent to reach θ are those before it.
            long before = Timesteps;
            Timesteps = metrics.Timesteps;
            if (metrics.EvaluationReturn is not { } r) return;
            LastReturn = r;
            if (double.IsNaN(BestReturn) || r > BestReturn) BestReturn = r;
            if (StepsToThreshold is null && threshold is { } t && r >= t) StepsToThreshold = before;
        }
    }

    /// <inheritdoc/>
    public void OnEvent(string message)
    {
    }
}

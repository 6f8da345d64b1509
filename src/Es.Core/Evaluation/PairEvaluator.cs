// Evaluates one task: rebuilds θ ± σε from the noise table and scores both on the same seed.
using Es.Core.Noise;
using Es.Core.Normalization;
using Es.Core.Strategies;

namespace Es.Core.Evaluation;

/// <summary>
/// The work of one evaluator, independent of actors: the result is a pure function of
/// (θ, normalizer, task), which is what lets any node evaluate any task (DESIGN.md, rule 1).
/// Not thread-safe: one per evaluator.
/// </summary>
public sealed class PairEvaluator
{
    private readonly IFitnessFunction _fitness;
    private readonly NoiseTable _noise;
    private readonly float _sigma;
    private readonly bool _mirrored;
    private readonly float[] _buffer;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="fitness">The function it owns.</param>
    /// <param name="noise">The shared noise table.</param>
    /// <param name="sigma">Perturbation scale σ.</param>
    /// <param name="mirrored">Evaluate −ε too.</param>
    public PairEvaluator(IFitnessFunction fitness, NoiseTable noise, double sigma, bool mirrored)
    {
        _fitness = fitness;
        _noise = noise;
        _sigma = (float)sigma;
        _mirrored = mirrored;
        _buffer = new float[fitness.Dimension];
    }

    /// <summary>The fitness function (for evaluation episodes of θ itself).</summary>
    public IFitnessFunction Fitness => _fitness;

    /// <summary>Evaluates <paramref name="task"/> around <paramref name="theta"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="theta"/> has the wrong length.</exception>
    public TaskResult Evaluate(ReadOnlySpan<float> theta, ObservationNormalizer normalizer, in EvaluationTask task)
    {
        if (task.Kind == TaskKind.Evaluate)
        {
            FitnessResult r = _fitness.Evaluate(theta, normalizer, task.EnvironmentSeed, null, training: false);
            return new TaskResult(task.Generation, task.Task, r.Fitness, double.NaN, r.Steps, 0, null);
        }
        ObservationStats? stats = task.CollectStatistics && _fitness.ObservationSize > 0 ? new ObservationStats(_fitness.ObservationSize) : null;
        OpenAiEs.Perturb(theta, _noise, task.NoiseIndex, _sigma, _buffer);
        FitnessResult plus = _fitness.Evaluate(_buffer, normalizer, task.EnvironmentSeed, stats, training: true);
        if (!_mirrored)
            return new TaskResult(task.Generation, task.Task, plus.Fitness, double.NaN, plus.Steps, 0, stats);
        OpenAiEs.Perturb(theta, _noise, task.NoiseIndex, -_sigma, _buffer);
        FitnessResult minus = _fitness.Evaluate(_buffer, normalizer, task.EnvironmentSeed, stats, training: true);
        return new TaskResult(task.Generation, task.Task, plus.Fitness, minus.Fitness, plus.Steps, minus.Steps, stats);
    }
}

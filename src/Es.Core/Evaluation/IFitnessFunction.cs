// What evaluating one parameter vector means: episodes of an environment, or a function's value.
using Es.Core.Normalization;

namespace Es.Core.Evaluation;

/// <summary>
/// Scores a parameter vector; higher is better. An instance owns its scratch state (an
/// environment, a policy's buffers) and is used by one thread at a time.
/// </summary>
public interface IFitnessFunction
{
    /// <summary>Number of parameters it expects.</summary>
    int Dimension { get; }

    /// <summary>Observation size, or 0 when there are no observations to normalize.</summary>
    int ObservationSize { get; }

    /// <summary>Evaluates <paramref name="parameters"/>.</summary>
    /// <param name="parameters">θ or a perturbation of it.</param>
    /// <param name="normalizer">Observation normalizer of the current generation (ignored without observations).</param>
    /// <param name="seed">Reset seed: the same seed gives the same episode.</param>
    /// <param name="statistics">When not null, receives the raw observations seen (training rollouts only).</param>
    /// <param name="training">True for training rollouts (action noise on, episodes averaged per candidate); false for one evaluation episode.</param>
    /// <exception cref="ArgumentException"><paramref name="parameters"/> has the wrong length.</exception>
    FitnessResult Evaluate(ReadOnlySpan<float> parameters, ObservationNormalizer normalizer, ulong seed, ObservationStats? statistics, bool training);
}

/// <summary>The score of one evaluation.</summary>
/// <param name="Fitness">Return (mean over episodes), or the negated function value.</param>
/// <param name="Steps">Environment steps taken (1 for a function evaluation).</param>
public readonly record struct FitnessResult(double Fitness, int Steps);

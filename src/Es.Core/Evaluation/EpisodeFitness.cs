// Fitness of a policy's parameters: the mean return of one or more episodes.
using Es.Core.Environments;
using Es.Core.Normalization;
using Es.Core.Policies;

namespace Es.Core.Evaluation;

/// <summary>Scores parameters by running the policy in its environment.</summary>
public sealed class EpisodeFitness : IFitnessFunction
{
    private readonly EpisodeRunner _runner;
    private readonly int _episodes;
    private readonly int _stepLimit;

    /// <summary>Creates the function over its own environment instance.</summary>
    /// <param name="environment">An instance owned by this function.</param>
    /// <param name="policy">A policy built for the environment's spec.</param>
    /// <param name="episodes">Episodes averaged per evaluation (their seeds derive from the task seed).</param>
    /// <param name="stepLimit">0 for the environment's own limit.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="episodes"/> is below 1 or <paramref name="stepLimit"/> negative.</exception>
    public EpisodeFitness(IEnvironment environment, Policy policy, int episodes = 1, int stepLimit = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(episodes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(stepLimit);
        _runner = new EpisodeRunner(environment, policy);
        _episodes = episodes;
        _stepLimit = stepLimit;
    }

    /// <inheritdoc/>
    public int Dimension => _runner.Policy.ParameterCount;

    /// <inheritdoc/>
    public int ObservationSize => _runner.Spec.ObservationSize;

    /// <summary>The runner, for callers that want single episodes.</summary>
    public EpisodeRunner Runner => _runner;

    /// <inheritdoc/>
    public FitnessResult Evaluate(ReadOnlySpan<float> parameters, ObservationNormalizer normalizer, ulong seed, ObservationStats? statistics, bool training)
    {
        if (parameters.Length != Dimension)
            throw new ArgumentException($"expected {Dimension} parameters, got {parameters.Length}.", nameof(parameters));
        double total = 0;
        int steps = 0;
        int episodes = training ? _episodes : 1;
        for (int e = 0; e < episodes; e++)
        {
            EpisodeResult r = _runner.Run(parameters, normalizer, Seeds.Episode(seed, e), _stepLimit, statistics, training);
            total += r.Return;
            steps += r.Length;
        }
        return new FitnessResult(total / episodes, steps);
    }
}

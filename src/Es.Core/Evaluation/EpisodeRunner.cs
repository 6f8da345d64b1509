// Runs one episode of a policy in an environment: the inner loop of every rollout.
using Es.Core.Environments;
using Es.Core.Normalization;
using Es.Core.Policies;
using Es.Core.Random;

namespace Es.Core.Evaluation;

/// <summary>
/// Runs episodes of <see cref="Policy"/> in an <see cref="IEnvironment"/>. The same parameters,
/// normalizer, seed and limit give bit-identical returns, lengths and statistics.
/// Not thread-safe: it owns the environment and the buffers.
/// </summary>
public sealed class EpisodeRunner
{
    private readonly IEnvironment _env;
    private readonly Policy _policy;
    private readonly float[] _observation;
    private readonly float[] _normalized;
    private readonly float[] _action;

    /// <summary>Creates a runner over an environment instance and a policy built for its spec.</summary>
    public EpisodeRunner(IEnvironment environment, Policy policy)
    {
        _env = environment;
        _policy = policy;
        _observation = new float[environment.Spec.ObservationSize];
        _normalized = new float[environment.Spec.ObservationSize];
        _action = new float[environment.Spec.ActionSize];
    }

    /// <summary>The environment's spec.</summary>
    public EnvironmentSpec Spec => _env.Spec;

    /// <summary>The policy.</summary>
    public Policy Policy => _policy;

    /// <summary>Runs one episode.</summary>
    /// <param name="parameters">Policy parameters.</param>
    /// <param name="normalizer">Normalizer applied to every observation.</param>
    /// <param name="seed">Reset seed; the action-noise stream derives from it too.</param>
    /// <param name="stepLimit">0 for the environment's limit, otherwise the smaller of the two.</param>
    /// <param name="statistics">Receives every observation the policy saw, raw; null to skip.</param>
    /// <param name="actionNoise">Add the policy's Gaussian action noise (training only).</param>
    public EpisodeResult Run(ReadOnlySpan<float> parameters, ObservationNormalizer normalizer, ulong seed, int stepLimit, ObservationStats? statistics, bool actionNoise)
    {
        int limit = stepLimit > 0 ? Math.Min(stepLimit, _env.Spec.MaxEpisodeSteps) : _env.Spec.MaxEpisodeSteps;
        var noise = new Rng(Seeds.ActionNoise(seed));
        _policy.BeginEpisode(parameters, normalizer); // blank recurrent memory; VBN statistics for these parameters
        _env.Reset(seed, _observation);
        double total = 0;
        int steps = 0;
        while (steps < limit)
        {
            statistics?.Add(_observation);
            normalizer.Normalize(_observation, _normalized);
            _policy.Act(parameters, _normalized, _action, ref noise, actionNoise);
            StepResult result = _env.Step(_action, _observation);
            total += result.Reward;
            steps++;
            if (result.Done) break;
        }
        return new EpisodeResult(total, steps);
    }
}

/// <summary>Return and length of one episode.</summary>
/// <param name="Return">Sum of rewards.</param>
/// <param name="Length">Steps taken.</param>
public readonly record struct EpisodeResult(double Return, int Length);

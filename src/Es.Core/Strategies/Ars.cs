// Augmented Random Search (Mania, Guy, Recht 2018): mirrored random directions, top-b selection, steps scaled by the rewards' std.
using Es.Core.Noise;
using Es.Core.Numerics;

namespace Es.Core.Strategies;

/// <summary>
/// ARS of "Simple random search provides a competitive approach to reinforcement learning"
/// (Mania, Guy, Recht, 2018), Algorithm 2. Each generation samples N directions δₖ (noise-table
/// slices, as the authors' code does) and evaluates θ ± ν·δₖ on one environment seed. The -t
/// variants keep the b directions with the largest max(r⁺ₖ, r⁻ₖ), V1 and V2 keep all N; with σ_R
/// the standard deviation of the 2b rewards kept,
/// θ ← θ + α/(b·σ_R)·Σₖ (r⁺ₖ − r⁻ₖ)·δₖ.
/// </summary>
/// <remarks>
/// <para>
/// V2's state normalization is the run's observation normalizer, which the learner maintains from
/// training rollouts (as the paper's running mean and std of the states): run "ars-v1"/"ars-v1t"
/// with es.normalization.enabled = false and "ars-v2"/"ars-v2t" with it on; the strategy itself
/// is the same for both. The paper's policies are linear (es.policy.type = linear).
/// </para>
/// <para>
/// Differences from the authors' code: exactly b directions are kept (ties in max(r⁺, r⁻) go to
/// the lower task index; the code keeps every direction at or above a percentile, so ties may keep
/// more), and a generation whose kept rewards are all equal (σ_R = 0) leaves θ unchanged where the
/// code would divide by zero. Rewards are used raw, without fitness shaping, as in the paper.
/// </para>
/// <para>
/// A partial generation (straggler cut-off) selects among the m completed directions: b' = min(b, m)
/// for the -t variants, all m otherwise, and divides by b'. State: θ and the generation only.
/// <see cref="TellReport.GradientNorm"/> is ‖Σₖ (r⁺ₖ − r⁻ₖ)·δₖ / (b·σ_R)‖, the step before α.
/// </para>
/// </remarks>
public sealed class Ars : IStrategy
{
    private readonly ArsOptions _options;
    private readonly NoiseTable _noise;
    private readonly ulong _seed;
    private readonly float[] _theta;
    private readonly float[] _direction;
    private readonly float _nu;
    private Candidate[]? _asked;
    private PerturbationSampler? _sampler;

    /// <summary>Creates the strategy around <paramref name="initialParameters"/>.</summary>
    /// <param name="options">Hyper-parameters; validated here.</param>
    /// <param name="initialParameters">θ₀ (the paper starts linear policies at 0).</param>
    /// <param name="noise">The shared noise table; it must hold at least one slice of the parameter count.</param>
    /// <param name="seed">Seed of the noise-index streams (the run seed).</param>
    /// <exception cref="ArgumentException">Invalid options, an empty θ₀, or a noise table smaller than θ₀.</exception>
    public Ars(ArsOptions options, ReadOnlySpan<float> initialParameters, NoiseTable noise, ulong seed)
    {
        options.Validate();
        StrategyChecks.Fits(initialParameters, noise);
        _options = options;
        _noise = noise;
        _seed = seed;
        _theta = initialParameters.ToArray();
        _direction = new float[_theta.Length];
        _nu = (float)options.ExplorationNoise;
    }

    /// <inheritdoc/>
    /// <remarks>"ars-v1", "ars-v1t", "ars-v2" or "ars-v2t", after <see cref="ArsOptions.Variant"/>.</remarks>
    public string Name => _options.Name;

    /// <inheritdoc/>
    public int Dimension => _theta.Length;

    /// <inheritdoc/>
    /// <remarks>The exploration noise ν (<see cref="ArsOptions.ExplorationNoise"/>).</remarks>
    public double MeanSigma => _options.ExplorationNoise;

    /// <inheritdoc/>
    /// <remarks>2N.</remarks>
    public int PopulationSize => _options.PopulationSize;

    /// <inheritdoc/>
    /// <remarks>N: one mirrored pair per direction.</remarks>
    public int TaskCount => _options.Directions;

    /// <summary>The hyper-parameters.</summary>
    public ArsOptions Options => _options;

    /// <inheritdoc/>
    public long Generation { get; private set; }

    /// <inheritdoc/>
    public ReadOnlySpan<float> Center => _theta;

    /// <summary>The noise index of direction <paramref name="task"/> in generation <paramref name="generation"/>: a pure function of the seed.</summary>
    public int NoiseIndexOf(long generation, int task) => FitnessReplay.NoiseIndexOf(_noise, _seed, generation, task, Dimension);

    /// <inheritdoc/>
    public IReadOnlyList<Candidate> Ask() => _asked ??= FitnessReplay.Candidates(_noise, _seed, Generation, TaskCount, mirrored: true, Dimension);

    /// <inheritdoc/>
    public void Materialize(in Candidate candidate, Span<float> destination) =>
        OpenAiEs.Perturb(_theta, _noise, candidate.NoiseIndex, candidate.Sign * _nu, destination);

    /// <inheritdoc/>
    public ICandidateSampler Sampler() => _sampler ??= new PerturbationSampler(Generation, (float[])_theta.Clone(), _noise, _nu, 2);

    /// <inheritdoc/>
    public TellResult Tell(ReadOnlySpan<double> fitness)
    {
        if (fitness.Length != PopulationSize)
            throw new ArgumentException($"expected {PopulationSize} fitnesses, got {fitness.Length}.", nameof(fitness));
        StrategyUpdate update = ComputeUpdate(fitness, Enumerable.Range(0, TaskCount).ToArray());
        return new TellResult(update, Apply(update));
    }

    /// <inheritdoc/>
    public StrategyUpdate ComputeUpdate(ReadOnlySpan<double> fitness, IReadOnlyList<int> tasks) =>
        FitnessReplay.Pack(Generation, fitness, tasks, TaskCount, 2);

    /// <summary>The positions (within the update's task list, ascending) of the directions the step uses.</summary>
    /// <param name="fitness">r⁺ and r⁻ of each completed direction, in task order.</param>
    public int[] SelectDirections(ReadOnlySpan<double> fitness)
    {
        int m = fitness.Length / 2;
        int used = _options.UsesTopDirections ? Math.Min(_options.TopDirections, m) : m;
        var best = new double[m];
        for (int k = 0; k < m; k++) best[k] = Math.Max(fitness[2 * k], fitness[2 * k + 1]);
        int[] order = FitnessReplay.BestFirst(best);
        int[] kept = order[..used];
        Array.Sort(kept); // sum in task order, whatever the ranking
        return kept;
    }

    /// <inheritdoc/>
    public TellReport Apply(StrategyUpdate update)
    {
        FitnessUpdate step = FitnessReplay.Unpack(update, Name, Generation, TaskCount, 2);
        double[] r = step.Fitness;
        int[] kept = SelectDirections(r);
        int b = kept.Length;

        double mean = 0;
        foreach (int k in kept) mean += r[2 * k] + r[2 * k + 1];
        mean /= 2 * b;
        double variance = 0;
        foreach (int k in kept)
        {
            double p = r[2 * k] - mean, q = r[2 * k + 1] - mean;
            variance += p * p + q * q;
        }
        double sigmaR = Math.Sqrt(variance / (2 * b));

        double before = FitnessReplay.Norm(_theta);
        double gradientNorm = 0, stepNorm = 0;
        if (sigmaR > 0 && double.IsFinite(sigmaR))
        {
            IReadOnlyList<Candidate> asked = Ask();
            var indices = new int[b];
            var weights = new float[b];
            for (int i = 0; i < b; i++)
            {
                int k = kept[i];
                indices[i] = asked[2 * step.Tasks[k]].NoiseIndex;
                weights[i] = (float)((r[2 * k] - r[2 * k + 1]) / (b * sigmaR));
            }
            NoiseWeightedSum.Compute(_noise.AsSpan(), indices, weights, _direction);
            float alpha = (float)_options.StepSize;
            double gradientSquares = 0, stepSquares = 0;
            for (int i = 0; i < _theta.Length; i++)
            {
                float g = _direction[i];
                float delta = alpha * g;
                gradientSquares += (double)g * g;
                stepSquares += (double)delta * delta;
                _theta[i] += delta;
            }
            gradientNorm = Math.Sqrt(gradientSquares);
            stepNorm = Math.Sqrt(stepSquares);
        }
        Generation++;
        _asked = null;
        _sampler = null;
        return new TellReport(gradientNorm, FitnessReplay.Norm(_theta), before > 0 ? stepNorm / before : 0.0);
    }

    /// <inheritdoc/>
    /// <remarks>θ and the generation; ARS keeps no other state.</remarks>
    public StrategyState SaveState() => new(Name, Generation, (float[])_theta.Clone(), null);

    /// <inheritdoc/>
    public void LoadState(StrategyState state)
    {
        if (state.Name != Name) throw new ArgumentException($"state is for strategy '{state.Name}', not '{Name}'.", nameof(state));
        if (state.Center.Length != Dimension)
            throw new ArgumentException($"state has {state.Center.Length} parameters, the strategy {Dimension}.", nameof(state));
        if (state.Generation < 0) throw new ArgumentException($"state has a negative generation {state.Generation}.", nameof(state));
        state.Center.CopyTo(_theta, 0);
        Generation = state.Generation;
        _asked = null;
        _sampler = null;
    }
}

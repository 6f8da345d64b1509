// The simple Gaussian hill-climber ("Simple ES" of Ha's visual guide): sample around the center with a fixed σ, move to the best.
using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// The "Simple Evolution Strategy" of D. Ha, "A Visual Guide to Evolution Strategies" (2017):
/// sample P candidates μ + σ·εₖ with a fixed σ, evaluate them, and set μ to the best one. εₖ is
/// the noise-table slice of the candidate's task (with mirroring, ±εₖ on one environment seed).
/// The center (what evaluation episodes measure) is μ.
/// </summary>
/// <remarks>
/// <para>
/// The default is the guide's non-elitist rule, μ ← the generation's best: on noisy RL returns an
/// elitist climber can be held by one lucky evaluation for ever. <see cref="SimpleGaussianOptions.Elitist"/>
/// keeps μ unless a candidate beats the fitness μ was measured with.
/// </para>
/// <para>
/// A partial generation (straggler cut-off) selects among the completed candidates. Ties go to the
/// earlier candidate in task order. <see cref="TellReport.GradientNorm"/> is the length of the
/// center's move.
/// </para>
/// <para>
/// State: <see cref="StrategyState.Center"/> is μ; <see cref="StrategyState.Extra"/> is
/// [fitness of μ, 1 when that fitness is known else 0] (θ₀ has no measured fitness).
/// </para>
/// </remarks>
public sealed class SimpleGaussian : IStrategy
{
    private readonly SimpleGaussianOptions _options;
    private readonly NoiseTable _noise;
    private readonly ulong _seed;
    private float[] _center;
    private double _centerFitness = double.NegativeInfinity;
    private bool _centerFitnessKnown;
    private Candidate[]? _asked;
    private PerturbationSampler? _sampler;

    /// <summary>Creates the strategy around <paramref name="initialParameters"/>.</summary>
    /// <param name="options">Hyper-parameters; validated here.</param>
    /// <param name="initialParameters">μ₀.</param>
    /// <param name="noise">The shared noise table; it must hold at least one slice of the parameter count.</param>
    /// <param name="seed">Seed of the noise-index streams (the run seed).</param>
    /// <exception cref="ArgumentException">Invalid options, an empty or non-finite θ₀, or a noise table smaller than θ.</exception>
    public SimpleGaussian(SimpleGaussianOptions options, ReadOnlySpan<float> initialParameters, NoiseTable noise, ulong seed)
    {
        options.Validate();
        StrategyChecks.Start(initialParameters, noise);
        _options = options;
        _noise = noise;
        _seed = seed;
        _center = initialParameters.ToArray();
    }

    /// <inheritdoc/>
    public string Name => "simple-gaussian";

    /// <inheritdoc/>
    public int Dimension => _center.Length;

    /// <inheritdoc/>
    /// <remarks>The fixed σ of <see cref="SimpleGaussianOptions.Sigma"/>.</remarks>
    public double MeanSigma => _options.Sigma;

    /// <inheritdoc/>
    public int PopulationSize => _options.PopulationSize;

    /// <inheritdoc/>
    public int TaskCount => _options.Mirrored ? _options.PopulationSize / 2 : _options.PopulationSize;

    /// <summary>The hyper-parameters.</summary>
    public SimpleGaussianOptions Options => _options;

    /// <inheritdoc/>
    public long Generation { get; private set; }

    /// <inheritdoc/>
    public ReadOnlySpan<float> Center => _center;

    /// <summary>The fitness the center was measured with, or null for θ₀.</summary>
    public double? CenterFitness => _centerFitnessKnown ? _centerFitness : null;

    private int PerTask => _options.Mirrored ? 2 : 1;

    /// <inheritdoc/>
    public IReadOnlyList<Candidate> Ask() =>
        _asked ??= FitnessReplay.Candidates(_noise, _seed, Generation, TaskCount, _options.Mirrored, Dimension);

    /// <inheritdoc/>
    public void Materialize(in Candidate candidate, Span<float> destination) =>
        OpenAiEs.Perturb(_center, _noise, candidate.NoiseIndex, (float)(candidate.Sign * _options.Sigma), destination);

    /// <inheritdoc/>
    public ICandidateSampler Sampler() =>
        _sampler ??= new PerturbationSampler(Generation, (float[])_center.Clone(), _noise, (float)_options.Sigma, PerTask);

    /// <inheritdoc/>
    public TellResult Tell(ReadOnlySpan<double> fitness)
    {
        StrategyUpdate update = ComputeUpdate(fitness, FitnessReplay.AllTasks(TaskCount, PopulationSize, fitness.Length));
        return new TellResult(update, Apply(update));
    }

    /// <inheritdoc/>
    /// <remarks>A partial generation selects among the completed candidates.</remarks>
    public StrategyUpdate ComputeUpdate(ReadOnlySpan<double> fitness, IReadOnlyList<int> tasks) =>
        FitnessReplay.Pack(Generation, fitness, tasks, TaskCount, PerTask);

    /// <inheritdoc/>
    public TellReport Apply(StrategyUpdate update)
    {
        FitnessUpdate u = FitnessReplay.Unpack(update, Name, Generation, TaskCount, PerTask);
        IReadOnlyList<Candidate> candidates = Ask();
        int best = 0;
        for (int i = 1; i < u.Fitness.Length; i++)
            if (u.Fitness[i] > u.Fitness[best]) best = i;
        float[] before = _center;
        if (!_options.Elitist || !_centerFitnessKnown || u.Fitness[best] > _centerFitness)
        {
            int task = u.Tasks[best / PerTask];
            Candidate chosen = candidates[PerTask * task + best % PerTask];
            var next = new float[Dimension];
            Materialize(chosen, next);
            _center = next;
            _centerFitness = u.Fitness[best];
            _centerFitnessKnown = true;
        }
        Generation++;
        _asked = null;
        _sampler = null;
        return FitnessReplay.MoveReport(before, _center);
    }

    /// <inheritdoc/>
    public StrategyState SaveState() =>
        new(Name, Generation, (float[])_center.Clone(), null, [_centerFitness, _centerFitnessKnown ? 1.0 : 0.0]);

    /// <inheritdoc/>
    public void LoadState(StrategyState state)
    {
        FitnessReplay.CheckState(state, Name, Dimension);
        if (state.Extra is not { Length: 2 } extra)
            throw new ArgumentException($"a {Name} state holds [center fitness, known flag] in Extra; got {state.Extra?.Length.ToString() ?? "none"} values.", nameof(state));
        _center = (float[])state.Center.Clone();
        _centerFitness = extra[0];
        _centerFitnessKnown = extra[1] != 0;
        Generation = state.Generation;
        _asked = null;
        _sampler = null;
    }
}

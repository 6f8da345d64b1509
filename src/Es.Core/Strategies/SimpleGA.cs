// A simple genetic algorithm (estool's SimpleGA; Such et al. 2017's deep GA as options): truncation selection, uniform crossover, Gaussian mutation.
using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// The genetic algorithm of estool's <c>SimpleGA</c> (D. Ha) and, with its options, of Such et al.,
/// "Deep Neuroevolution: Genetic Algorithms Are a Competitive Alternative for Training Deep Neural
/// Networks for Reinforcement Learning" (2017): keep the best ⌊P·ratio⌋ individuals (truncation
/// selection); each child picks two elite parents uniformly, mixes them gene by gene (uniform
/// crossover) and adds σ·ε, ε the noise slice of its task. The center (what evaluation episodes
/// measure) is the best elite: with <see cref="SimpleGAOptions.ForgetBest"/> = false, the best
/// individual so far.
/// </summary>
/// <remarks>
/// <para>
/// Encoding. Such et al. store a genome as its list of mutation seeds (θ₀ + Σ σ εₖ), which crossover
/// breaks; here every replica holds the elites themselves (at most ⌊P·ratio⌋ vectors), so a child
/// is rebuilt in O(n) from its task: the new mutation's noise index travels, and the parents and
/// crossover mask of task j are drawn from a stream seeded by (run seed, generation, j) (see
/// <see cref="GeneticSampler"/>).
/// </para>
/// <para>
/// Selection ranks the completed candidates in task order, then (unless ForgetBest) the previous
/// elites with their recorded fitness, best first; ties keep that order, so a new candidate wins a
/// tie with an old elite. A partial generation (straggler cut-off) selects among the completed
/// candidates; with fewer candidates than elite places the elite set shrinks (it is never empty).
/// θ₀ has no measured fitness and does not compete. After selection σ ← σ·decay while σ is above
/// the limit. <see cref="TellReport.GradientNorm"/> is the length of the center's move.
/// </para>
/// <para>
/// State: <see cref="StrategyState.Center"/> is the best elite; <see cref="StrategyState.Extra"/> is
/// [σ, elite count E, 1 when the elites' fitnesses are known else 0, fitness₀ … fitness_{E−1},
/// elite₀ (n values), …, elite_{E−1}], elites best first.
/// </para>
/// </remarks>
public sealed class SimpleGA : IStrategy
{
    private const int ExtraHeader = 3;

    private readonly SimpleGAOptions _options;
    private readonly NoiseTable _noise;
    private readonly ulong _seed;
    private readonly int _dimension;
    // Elite arrays are never written after they are made, so samplers may share them.
    private float[][] _elites;
    private double[] _eliteFitness;
    private bool _fitnessKnown;
    private double _sigma;
    private Candidate[]? _asked;
    private GeneticSampler? _sampler;

    /// <summary>Creates the strategy with θ₀ as its only elite.</summary>
    /// <param name="options">Hyper-parameters; validated here.</param>
    /// <param name="initialParameters">θ₀.</param>
    /// <param name="noise">The shared noise table; it must hold at least one slice of the parameter count.</param>
    /// <param name="seed">Seed of the noise-index and parent streams (the run seed).</param>
    /// <exception cref="ArgumentException">Invalid options, an empty or non-finite θ₀, or a noise table smaller than θ.</exception>
    public SimpleGA(SimpleGAOptions options, ReadOnlySpan<float> initialParameters, NoiseTable noise, ulong seed)
    {
        options.Validate();
        StrategyChecks.Start(initialParameters, noise);
        _options = options;
        _noise = noise;
        _seed = seed;
        _dimension = initialParameters.Length;
        _elites = [initialParameters.ToArray()];
        _eliteFitness = [double.NegativeInfinity];
        _sigma = options.Sigma;
    }

    /// <inheritdoc/>
    public string Name => "simple-ga";

    /// <inheritdoc/>
    public int Dimension => _dimension;

    /// <inheritdoc/>
    public int PopulationSize => _options.PopulationSize;

    /// <inheritdoc/>
    public int TaskCount => _options.PopulationSize;

    /// <summary>The hyper-parameters.</summary>
    public SimpleGAOptions Options => _options;

    /// <inheritdoc/>
    public long Generation { get; private set; }

    /// <inheritdoc/>
    /// <remarks>The best elite.</remarks>
    public ReadOnlySpan<float> Center => _elites[0];

    /// <summary>The current mutation σ.</summary>
    public double Sigma => _sigma;

    /// <inheritdoc/>
    /// <remarks><see cref="Sigma"/>, the mutation σ.</remarks>
    public double MeanSigma => _sigma;

    /// <summary>Number of elites held now (1 for θ₀ until the first selection).</summary>
    public int CurrentEliteCount => _elites.Length;

    /// <summary>The recorded fitness of the best elite, or null before the first selection.</summary>
    public double? BestFitness => _fitnessKnown ? _eliteFitness[0] : null;

    /// <inheritdoc/>
    public IReadOnlyList<Candidate> Ask() =>
        _asked ??= FitnessReplay.Candidates(_noise, _seed, Generation, TaskCount, mirrored: false, Dimension);

    /// <inheritdoc/>
    public void Materialize(in Candidate candidate, Span<float> destination) =>
        GeneticSampler.Child(_elites, _noise, _seed, Generation, (float)_sigma, _options.Crossover, _options.Elitism, candidate, destination);

    /// <inheritdoc/>
    public ICandidateSampler Sampler() =>
        _sampler ??= new GeneticSampler(Generation, _elites, _noise, _seed, (float)_sigma, _options.Crossover, _options.Elitism);

    /// <inheritdoc/>
    public TellResult Tell(ReadOnlySpan<double> fitness)
    {
        StrategyUpdate update = ComputeUpdate(fitness, FitnessReplay.AllTasks(TaskCount, PopulationSize, fitness.Length));
        return new TellResult(update, Apply(update));
    }

    /// <inheritdoc/>
    /// <remarks>A partial generation selects among the completed candidates (and the previous elites unless ForgetBest).</remarks>
    public StrategyUpdate ComputeUpdate(ReadOnlySpan<double> fitness, IReadOnlyList<int> tasks) =>
        FitnessReplay.Pack(Generation, fitness, tasks, TaskCount, 1);

    /// <inheritdoc/>
    public TellReport Apply(StrategyUpdate update)
    {
        FitnessUpdate u = FitnessReplay.Unpack(update, Name, Generation, TaskCount, 1);
        IReadOnlyList<Candidate> candidates = Ask();
        int fresh = u.Fitness.Length;
        int old = !_options.ForgetBest && _fitnessKnown ? _elites.Length : 0;
        var pool = new double[fresh + old];
        u.Fitness.CopyTo(pool, 0);
        Array.Copy(_eliteFitness, 0, pool, fresh, old);
        int[] order = FitnessReplay.BestFirst(pool);
        int keep = Math.Min(_options.EliteCount, pool.Length);
        var elites = new float[keep][];
        var fitness = new double[keep];
        for (int r = 0; r < keep; r++)
        {
            int i = order[r];
            fitness[r] = pool[i];
            if (i >= fresh)
            {
                elites[r] = _elites[i - fresh];
            }
            else
            {
                // Built from the current elites, which are only replaced below.
                elites[r] = new float[_dimension];
                Materialize(candidates[u.Tasks[i]], elites[r]);
            }
        }
        float[] before = _elites[0];
        _elites = elites;
        _eliteFitness = fitness;
        _fitnessKnown = true;
        if (_sigma > _options.SigmaLimit) _sigma *= _options.SigmaDecay;
        Generation++;
        _asked = null;
        _sampler = null;
        return FitnessReplay.MoveReport(before, _elites[0]);
    }

    /// <inheritdoc/>
    public StrategyState SaveState()
    {
        int e = _elites.Length;
        var extra = new double[ExtraHeader + e + e * _dimension];
        extra[0] = _sigma;
        extra[1] = e;
        extra[2] = _fitnessKnown ? 1 : 0;
        _eliteFitness.CopyTo(extra, ExtraHeader);
        for (int k = 0; k < e; k++)
        {
            int offset = ExtraHeader + e + k * _dimension;
            for (int i = 0; i < _dimension; i++) extra[offset + i] = _elites[k][i];
        }
        return new StrategyState(Name, Generation, (float[])_elites[0].Clone(), null, extra);
    }

    /// <inheritdoc/>
    public void LoadState(StrategyState state)
    {
        FitnessReplay.CheckState(state, Name, Dimension);
        double[] extra = state.Extra ?? throw new ArgumentException($"a {Name} state needs its elites in Extra; it has none.", nameof(state));
        if (extra.Length < ExtraHeader)
            throw new ArgumentException($"a {Name} state's Extra is too short ({extra.Length} values).", nameof(state));
        double count = extra[1];
        if (!(count >= 1 && count <= _options.EliteCount && count == Math.Floor(count)))
            throw new ArgumentException($"a {Name} state holds {count} elites; this strategy keeps 1..{_options.EliteCount}.", nameof(state));
        int e = (int)count;
        if (extra.Length != ExtraHeader + e + e * _dimension)
            throw new ArgumentException($"a {Name} state with {e} elites of {_dimension} parameters needs {ExtraHeader + e + e * _dimension} Extra values, got {extra.Length}.", nameof(state));
        if (!(extra[0] > 0) || double.IsInfinity(extra[0]))
            throw new ArgumentException($"a {Name} state has an invalid σ {extra[0]}.", nameof(state));
        var elites = new float[e][];
        for (int k = 0; k < e; k++)
        {
            elites[k] = new float[_dimension];
            int offset = ExtraHeader + e + k * _dimension;
            for (int i = 0; i < _dimension; i++) elites[k][i] = (float)extra[offset + i];
        }
        _sigma = extra[0];
        _fitnessKnown = extra[2] != 0;
        _eliteFitness = extra.AsSpan(ExtraHeader, e).ToArray();
        _elites = elites;
        Generation = state.Generation;
        _asked = null;
        _sampler = null;
    }
}

// The common body of separable Gaussian strategies (PEPG, SNES): ask, materialize, replayed updates, state.
using Es.Core.Noise;
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>
/// A search distribution N(μ, diag(σ²)) sampled through the shared noise table: the candidates of
/// task j are μ + σ⊙εⱼ and, when mirrored, μ − σ⊙εⱼ, with εⱼ the slice at a noise index drawn
/// from (seed, generation, j). μ and σ are frozen for a generation; the update is the fitnesses
/// themselves (<see cref="FitnessUpdate"/>), which every replica replays through
/// <see cref="Update"/>, the one deterministic step a subclass defines.
/// </summary>
/// <remarks>
/// State: <see cref="StrategyState.Center"/> is μ; <see cref="StrategyState.Extra"/> starts with
/// σ (<see cref="Dimension"/> values) followed by <see cref="ExtraScalarCount"/> values of the
/// subclass (documented there).
/// </remarks>
public abstract class DiagonalGaussianStrategy : IStrategy
{
    private readonly NoiseTable _noise;
    private readonly ulong _seed;
    private readonly float[] _mean;
    private readonly double[] _sigma;
    private readonly bool _mirrored;
    private readonly int _populationSize;
    private Candidate[]? _asked;
    private DiagonalGaussianSampler? _sampler;

    /// <summary>Creates the distribution N(θ₀, σ₀²I).</summary>
    /// <param name="initialParameters">μ₀.</param>
    /// <param name="initialSigma">σ₀, the same for every parameter.</param>
    /// <param name="noise">The shared noise table; it must hold at least one slice of the parameter count.</param>
    /// <param name="seed">Seed of the noise-index streams (the run seed).</param>
    /// <param name="populationSize">Candidates per generation (even when mirrored).</param>
    /// <param name="mirrored">Whether task j evaluates the pair ±εⱼ.</param>
    /// <exception cref="ArgumentException">θ₀ is empty, the noise table is smaller than θ₀, or σ₀ is not positive.</exception>
    protected DiagonalGaussianStrategy(ReadOnlySpan<float> initialParameters, double initialSigma, NoiseTable noise, ulong seed, int populationSize, bool mirrored)
    {
        StrategyChecks.Fits(initialParameters, noise);
        if (!(initialSigma > 0) || double.IsInfinity(initialSigma))
            throw new ArgumentException($"initial sigma must be > 0 and finite, got {initialSigma}.", nameof(initialSigma));
        if (populationSize < 1 || (mirrored && populationSize % 2 != 0))
            throw new ArgumentException($"population size {populationSize} does not fit {(mirrored ? "mirrored pairs" : "single candidates")}.", nameof(populationSize));
        for (int i = 0; i < initialParameters.Length; i++)
            if (!float.IsFinite(initialParameters[i]))
                throw new ArgumentException($"θ₀[{i}] is {initialParameters[i]}.", nameof(initialParameters));
        _noise = noise;
        _seed = seed;
        _mean = initialParameters.ToArray();
        _sigma = new double[_mean.Length];
        Array.Fill(_sigma, initialSigma);
        _mirrored = mirrored;
        _populationSize = populationSize;
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public int Dimension => _mean.Length;

    /// <inheritdoc/>
    public int PopulationSize => _populationSize;

    /// <inheritdoc/>
    /// <remarks>Pairs when mirrored, else single candidates.</remarks>
    public int TaskCount => _mirrored ? _populationSize / 2 : _populationSize;

    /// <summary>Whether the candidates of a task are the mirrored pair ±ε.</summary>
    public bool Mirrored => _mirrored;

    /// <inheritdoc/>
    public long Generation { get; private set; }

    /// <inheritdoc/>
    /// <remarks>μ, the distribution's mean.</remarks>
    public ReadOnlySpan<float> Center => _mean;

    /// <summary>The current per-parameter σ.</summary>
    public ReadOnlySpan<double> Sigma => _sigma;

    /// <inheritdoc/>
    /// <remarks>The mean of <see cref="Sigma"/>, summed in parameter order.</remarks>
    public double MeanSigma
    {
        get
        {
            double sum = 0;
            foreach (double s in _sigma) sum += s;
            return sum / _sigma.Length;
        }
    }

    /// <summary>The shared noise table.</summary>
    protected NoiseTable Noise => _noise;

    /// <summary>μ, for the subclass's update.</summary>
    protected Span<float> Mean => _mean;

    /// <summary>σ, for the subclass's update.</summary>
    protected Span<double> SigmaValues => _sigma;

    /// <summary>Candidates per task: 2 when mirrored, else 1.</summary>
    protected int PerTask => _mirrored ? 2 : 1;

    /// <summary>The noise index of task <paramref name="task"/> in generation <paramref name="generation"/>: a pure function of the seed.</summary>
    public int NoiseIndexOf(long generation, int task) => FitnessReplay.NoiseIndexOf(_noise, _seed, generation, task, Dimension);

    /// <inheritdoc/>
    public IReadOnlyList<Candidate> Ask() => _asked ??= FitnessReplay.Candidates(_noise, _seed, Generation, TaskCount, _mirrored, Dimension);

    /// <inheritdoc/>
    public void Materialize(in Candidate candidate, Span<float> destination) =>
        DiagonalGaussianSampler.Perturb(_mean, _sigma, _noise, candidate.NoiseIndex, candidate.Sign, destination);

    /// <inheritdoc/>
    public ICandidateSampler Sampler() =>
        _sampler ??= new DiagonalGaussianSampler(Generation, (float[])_mean.Clone(), (double[])_sigma.Clone(), _noise, PerTask);

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
        FitnessReplay.Pack(Generation, fitness, tasks, TaskCount, PerTask);

    /// <inheritdoc/>
    public TellReport Apply(StrategyUpdate update)
    {
        FitnessUpdate step = FitnessReplay.Unpack(update, Name, Generation, TaskCount, PerTask);
        IReadOnlyList<Candidate> asked = Ask();
        var indices = new int[step.Tasks.Length];
        for (int k = 0; k < indices.Length; k++) indices[k] = asked[PerTask * step.Tasks[k]].NoiseIndex;
        TellReport report = Update(indices, step.Fitness);
        Generation++;
        _asked = null;
        _sampler = null;
        return report;
    }

    /// <summary>
    /// The deterministic step from generation g to g+1: moves μ and σ from the completed tasks'
    /// fitnesses. Called with every task by <see cref="Tell"/>, with the completed ones after a
    /// straggler cut-off, and with the same arguments on every replica.
    /// </summary>
    /// <param name="noiseIndices">Noise index of each completed task, in task order.</param>
    /// <param name="fitness">Their fitnesses, <see cref="PerTask"/> per task (+ε first when mirrored).</param>
    /// <returns>Diagnostics of the step.</returns>
    protected abstract TellReport Update(ReadOnlySpan<int> noiseIndices, ReadOnlySpan<double> fitness);

    /// <summary>How many values the subclass appends to <see cref="StrategyState.Extra"/> after σ.</summary>
    protected virtual int ExtraScalarCount => 0;

    /// <summary>Writes the subclass's values after σ in <see cref="StrategyState.Extra"/>.</summary>
    protected virtual void SaveExtraScalars(Span<double> destination)
    {
    }

    /// <summary>The subclass's optimizer state, when it has an optimizer.</summary>
    protected virtual OptimizerState? SaveOptimizer() => null;

    /// <summary>Restores the subclass's values and optimizer; called only after the common checks passed. Throw <see cref="ArgumentException"/> for a value that does not fit.</summary>
    protected virtual void LoadExtra(ReadOnlySpan<double> scalars, OptimizerState? optimizer)
    {
    }

    /// <inheritdoc/>
    public StrategyState SaveState()
    {
        var extra = new double[Dimension + ExtraScalarCount];
        _sigma.CopyTo(extra, 0);
        SaveExtraScalars(extra.AsSpan(Dimension));
        return new StrategyState(Name, Generation, (float[])_mean.Clone(), SaveOptimizer(), extra);
    }

    /// <inheritdoc/>
    public void LoadState(StrategyState state)
    {
        if (state.Name != Name) throw new ArgumentException($"state is for strategy '{state.Name}', not '{Name}'.", nameof(state));
        if (state.Center.Length != Dimension)
            throw new ArgumentException($"state has {state.Center.Length} parameters, the strategy {Dimension}.", nameof(state));
        if (state.Generation < 0) throw new ArgumentException($"state has a negative generation {state.Generation}.", nameof(state));
        if (state.Extra is null || state.Extra.Length != Dimension + ExtraScalarCount)
            throw new ArgumentException($"{Name} state needs {Dimension + ExtraScalarCount} extra values (σ then {ExtraScalarCount} more), got {state.Extra?.Length.ToString() ?? "none"}.", nameof(state));
        for (int i = 0; i < Dimension; i++)
            if (!(state.Extra[i] >= 0) || double.IsInfinity(state.Extra[i]))
                throw new ArgumentException($"state has σ[{i}] = {state.Extra[i]}; σ must be finite and not negative.", nameof(state));
        LoadExtra(state.Extra.AsSpan(Dimension), state.Optimizer);
        state.Center.CopyTo(_mean, 0);
        Array.Copy(state.Extra, _sigma, Dimension);
        Generation = state.Generation;
        _asked = null;
        _sampler = null;
    }
}

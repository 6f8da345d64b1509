// OpenAI-ES (Salimans et al. 2017): mirrored noise-table perturbations, shaped fitness, Adam with weight decay.
using System.Runtime.Intrinsics;
using Es.Core.Noise;
using Es.Core.Numerics;
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>
/// The evolution strategy of "Evolution Strategies as a Scalable Alternative to Reinforcement
/// Learning" (Salimans, Ho, Chen, Sidor, Sutskever, 2017), as evolution-strategies-starter
/// implements it: perturbations εⱼ are slices of a shared <see cref="NoiseTable"/>; fitnesses are
/// shaped (centered ranks by default); the estimate ĝ = Σⱼ (w⁺ⱼ − w⁻ⱼ) εⱼ / P feeds an optimizer
/// as −ĝ + λθ.
/// </summary>
/// <remarks>
/// Like the starter, ĝ is not divided by σ: with Adam the scale cancels, and keeping it makes the
/// starter's L2 coefficient (0.005) mean the same here. The noise index of pair j in generation g
/// is drawn from a stream seeded by (seed, g, j), so any node can recompute it.
/// </remarks>
public sealed class OpenAiEs : IStrategy
{
    private readonly OpenAiEsOptions _options;
    private readonly NoiseTable _noise;
    private readonly ulong _seed;
    private readonly float[] _theta;
    private readonly float[] _gradient;
    private IOptimizer _optimizer;
    private Candidate[]? _asked;
    private PerturbationSampler? _sampler;

    /// <summary>Creates the strategy around <paramref name="initialParameters"/>.</summary>
    /// <param name="options">Hyper-parameters; validated here.</param>
    /// <param name="initialParameters">θ₀.</param>
    /// <param name="noise">The shared noise table; it must hold at least one slice of the parameter count.</param>
    /// <param name="seed">Seed of the noise-index streams (the run seed).</param>
    /// <exception cref="ArgumentException">Invalid options, or a noise table smaller than θ.</exception>
    public OpenAiEs(OpenAiEsOptions options, ReadOnlySpan<float> initialParameters, NoiseTable noise, ulong seed)
    {
        options.Validate();
        StrategyChecks.Fits(initialParameters, noise);
        _options = options;
        _noise = noise;
        _seed = seed;
        _theta = initialParameters.ToArray();
        _gradient = new float[_theta.Length];
        _optimizer = options.CreateOptimizer(_theta.Length);
    }

    /// <inheritdoc/>
    public string Name => "openai-es";

    /// <inheritdoc/>
    public int Dimension => _theta.Length;

    /// <inheritdoc/>
    /// <remarks>The fixed σ of <see cref="OpenAiEsOptions.Sigma"/>.</remarks>
    public double MeanSigma => _options.Sigma;

    /// <inheritdoc/>
    public int PopulationSize => _options.PopulationSize;

    /// <inheritdoc/>
    /// <remarks>Pairs when mirrored, else single candidates.</remarks>
    public int TaskCount => _options.Mirrored ? _options.PopulationSize / 2 : _options.PopulationSize;

    /// <summary>The hyper-parameters.</summary>
    public OpenAiEsOptions Options => _options;

    /// <inheritdoc/>
    public long Generation { get; private set; }

    /// <inheritdoc/>
    public ReadOnlySpan<float> Center => _theta;

    /// <summary>The noise index of task <paramref name="task"/> in generation <paramref name="generation"/>: a pure function of the seed.</summary>
    public int NoiseIndexOf(long generation, int task) => FitnessReplay.NoiseIndexOf(_noise, _seed, generation, task, Dimension);

    /// <inheritdoc/>
    public IReadOnlyList<Candidate> Ask() => _asked ??= FitnessReplay.Candidates(_noise, _seed, Generation, TaskCount, _options.Mirrored, Dimension);

    /// <inheritdoc/>
    public void Materialize(in Candidate candidate, Span<float> destination)
    {
        Perturb(_theta, _noise, candidate.NoiseIndex, (float)(candidate.Sign * _options.Sigma), destination);
    }

    /// <inheritdoc/>
    public ICandidateSampler Sampler() => _sampler ??= new PerturbationSampler(Generation, (float[])_theta.Clone(), _noise, (float)_options.Sigma, PopulationSize / TaskCount);

    /// <summary>destination = θ + s·ε, with ε the slice at <paramref name="noiseIndex"/>; the formula every evaluator uses.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as θ.</exception>
    public static void Perturb(ReadOnlySpan<float> theta, NoiseTable noise, int noiseIndex, float scale, Span<float> destination)
    {
        if (destination.Length != theta.Length)
            throw new ArgumentException($"destination has {destination.Length} elements, θ has {theta.Length}.", nameof(destination));
        ReadOnlySpan<float> eps = noise.Slice(noiseIndex, theta.Length);
        int i = 0;
        // Element-wise multiply then add, each rounded (the JIT never fuses them): a vector lane
        // computes the bits of the scalar loop, so the width does not matter. Every episode of a
        // candidate starts here, and short episodes of a big policy spend a third of their time on it.
        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(scale);
            for (; i + 8 <= theta.Length; i += 8)
                (Vector256.Create(theta.Slice(i, 8)) + s * Vector256.Create(eps.Slice(i, 8))).CopyTo(destination.Slice(i, 8));
        }
        for (; i < theta.Length; i++)
        {
            float delta = scale * eps[i];
            destination[i] = theta[i] + delta;
        }
    }

    /// <inheritdoc/>
    public TellResult Tell(ReadOnlySpan<double> fitness)
    {
        StrategyUpdate update = ComputeUpdate(fitness);
        return new TellResult(update, Apply(update));
    }

    /// <summary>The update the fitnesses imply, without applying it (the aggregator publishes it, every replica applies it).</summary>
    /// <exception cref="ArgumentException">Wrong count or a non-finite fitness.</exception>
    public NoiseStepUpdate ComputeUpdate(ReadOnlySpan<double> fitness)
    {
        if (fitness.Length != PopulationSize)
            throw new ArgumentException($"expected {PopulationSize} fitnesses, got {fitness.Length}.", nameof(fitness));
        return ComputeUpdate(fitness, Enumerable.Range(0, TaskCount).ToArray());
    }

    StrategyUpdate IStrategy.ComputeUpdate(ReadOnlySpan<double> fitness, IReadOnlyList<int> tasks) => ComputeUpdate(fitness, tasks);

    /// <summary>
    /// The update from the tasks that completed, when a straggler cut-off ends a generation early:
    /// shaping and the 1/P factor use only those candidates, and the missing tasks' noise does not
    /// enter the step. Replicas apply the result like any update.
    /// </summary>
    /// <param name="fitness">Fitnesses of the completed tasks, in the order of <paramref name="tasks"/> (two per task when mirrored).</param>
    /// <param name="tasks">The completed task indices, ascending.</param>
    /// <exception cref="ArgumentException">Counts disagree, a task index is out of range, or a fitness is not finite.</exception>
    public NoiseStepUpdate ComputeUpdate(ReadOnlySpan<double> fitness, IReadOnlyList<int> tasks)
    {
        int perTask = _options.Mirrored ? 2 : 1;
        if (tasks.Count == 0 || fitness.Length != perTask * tasks.Count)
            throw new ArgumentException($"expected {perTask * tasks.Count} fitnesses for {tasks.Count} tasks, got {fitness.Length}.", nameof(fitness));
        for (int i = 0; i < fitness.Length; i++)
            if (!double.IsFinite(fitness[i]))
                throw new ArgumentException($"fitness[{i}] is {fitness[i]}; apply the non-finite policy before telling.", nameof(fitness));
        var shaped = new double[fitness.Length];
        FitnessShaping.Apply(_options.FitnessShaping, fitness, shaped);
        IReadOnlyList<Candidate> candidates = Ask();
        var indices = new int[tasks.Count];
        var weights = new float[tasks.Count];
        double population = fitness.Length;
        for (int k = 0; k < tasks.Count; k++)
        {
            int j = tasks[k];
            if (j < 0 || j >= TaskCount) throw new ArgumentException($"task {j} is not a task of this generation (0..{TaskCount - 1}).", nameof(tasks));
            double w = _options.Mirrored ? shaped[2 * k] - shaped[2 * k + 1] : shaped[k];
            indices[k] = candidates[_options.Mirrored ? 2 * j : j].NoiseIndex;
            weights[k] = (float)(w / population);
        }
        return new NoiseStepUpdate(Generation, indices, weights);
    }

    /// <inheritdoc/>
    public TellReport Apply(StrategyUpdate update)
    {
        if (update is not NoiseStepUpdate step)
            throw new ArgumentException($"OpenAI-ES cannot apply a {update.GetType().Name}.", nameof(update));
        if (step.Generation != Generation)
            throw new InvalidOperationException($"update is for generation {step.Generation}, the strategy is at generation {Generation}.");
        NoiseWeightedSum.Compute(_noise.Slice(0, _noise.Size), step.NoiseIndices, step.Weights, _gradient);
        double gradientNorm = OptimizerMath.Norm(_gradient);
        // The optimizer minimizes: feed it −ĝ + λθ (evolution-strategies-starter's form of L2 decay).
        float decay = (float)_options.WeightDecay;
        for (int i = 0; i < _gradient.Length; i++)
        {
            float l2 = decay * _theta[i];
            _gradient[i] = -_gradient[i] + l2;
        }
        double ratio = _optimizer.Step(_theta, _gradient);
        Generation++;
        _asked = null;
        _sampler = null;
        return new TellReport(gradientNorm, OptimizerMath.Norm(_theta), ratio);
    }

    /// <inheritdoc/>
    public StrategyState SaveState() => new(Name, Generation, (float[])_theta.Clone(), _optimizer.SaveState());

    /// <inheritdoc/>
    public void LoadState(StrategyState state)
    {
        if (state.Name != Name) throw new ArgumentException($"state is for strategy '{state.Name}', not '{Name}'.", nameof(state));
        if (state.Center.Length != Dimension)
            throw new ArgumentException($"state has {state.Center.Length} parameters, the strategy {Dimension}.", nameof(state));
        if (state.Optimizer is null) throw new ArgumentException("state has no optimizer state.", nameof(state));
        IOptimizer optimizer = _options.CreateOptimizer(Dimension);
        optimizer.LoadState(state.Optimizer);
        _optimizer = optimizer;
        state.Center.CopyTo(_theta, 0);
        Generation = state.Generation;
        _asked = null;
        _sampler = null;
    }
}

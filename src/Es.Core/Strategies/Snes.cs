// SNES (Schaul et al. 2011): separable natural evolution strategies with exp-parameterized per-parameter σ.
using Es.Core.Noise;
using Es.Core.Random;

namespace Es.Core.Strategies;

/// <summary>
/// Separable NES ("High dimensions and heavy tails for natural evolution strategies", Schaul,
/// Glasmachers, Schmidhuber, GECCO 2011). Candidates are zₖ = μ + σ⊙sₖ with sₖ = ±εₖ a noise-table
/// slice. The λ' candidates of a generation are ranked (best first) and weighted with the
/// utilities uᵣ = max(0, ln(λ'/2 + 1) − ln r) / Σ max(…) − 1/λ' (tied candidates share the mean
/// utility of their ranks); then
/// ∇μ = Σ uₖ sₖ, ∇σ = Σ uₖ (sₖ² − 1), μ ← μ + η_μ·σ⊙∇μ, σ ← σ⊙exp(η_σ/2·∇σ).
/// </summary>
/// <remarks>
/// <para>
/// The exponential is <see cref="DeterministicMath.Exp"/>, so σ is the same bits on every machine.
/// A partial generation (straggler cut-off) ranks and weights only the completed candidates, with
/// λ' their count in the utilities.
/// </para>
/// <para>
/// State: <see cref="StrategyState.Center"/> = μ, <see cref="StrategyState.Extra"/> = [σ₀ … σₙ₋₁]; no optimizer.
/// <see cref="TellReport.GradientNorm"/> is ‖∇μ‖, the natural gradient of the mean before the σ⊙ scaling.
/// </para>
/// </remarks>
public sealed class Snes : DiagonalGaussianStrategy
{
    private readonly SnesOptions _options;
    private readonly double _sigmaLearningRate;

    /// <summary>Creates the strategy around <paramref name="initialParameters"/> with σ = <see cref="SnesOptions.InitialSigma"/> everywhere.</summary>
    /// <param name="options">Hyper-parameters; validated here.</param>
    /// <param name="initialParameters">μ₀.</param>
    /// <param name="noise">The shared noise table; it must hold at least one slice of the parameter count.</param>
    /// <param name="seed">Seed of the noise-index streams (the run seed).</param>
    /// <exception cref="ArgumentException">Invalid options, an empty θ₀, or a noise table smaller than θ₀.</exception>
    public Snes(SnesOptions options, ReadOnlySpan<float> initialParameters, NoiseTable noise, ulong seed)
        : base(initialParameters, Validated(options).InitialSigma, noise, seed, options.PopulationFor(initialParameters.Length), options.Mirrored)
    {
        _options = options;
        _sigmaLearningRate = options.SigmaLearningRateFor(initialParameters.Length);
    }

    /// <inheritdoc/>
    public override string Name => "snes";

    /// <summary>The hyper-parameters as given (see <see cref="IStrategy.PopulationSize"/> and <see cref="SigmaLearningRate"/> for the resolved values).</summary>
    public SnesOptions Options => _options;

    /// <summary>η_σ in use.</summary>
    public double SigmaLearningRate => _sigmaLearningRate;

    private static SnesOptions Validated(SnesOptions options)
    {
        options.Validate();
        return options;
    }

    /// <summary>The utilities of ranks 1 … <paramref name="count"/> (best first), summing to 0.</summary>
    public static double[] Utilities(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var u = new double[count];
        double top = DeterministicMath.Log(count / 2.0 + 1.0);
        double sum = 0;
        for (int r = 0; r < count; r++)
        {
            u[r] = Math.Max(0.0, top - DeterministicMath.Log(r + 1.0));
            sum += u[r];
        }
        for (int r = 0; r < count; r++) u[r] = u[r] / sum - 1.0 / count;
        return u;
    }

    /// <summary>
    /// Each candidate's utility: candidates ranked best first, and candidates with equal fitness
    /// share the mean utility of their ranks, so a generation whose candidates all score the same
    /// (a solved episode everywhere) does not move μ or σ.
    /// </summary>
    public static double[] Weights(ReadOnlySpan<double> fitness)
    {
        double[] utility = Utilities(fitness.Length);
        int[] best = FitnessReplay.BestFirst(fitness);
        var weight = new double[fitness.Length];
        int start = 0;
        while (start < best.Length)
        {
            int end = start + 1;
            while (end < best.Length && fitness[best[end]] == fitness[best[start]]) end++;
            double shared = 0;
            for (int r = start; r < end; r++) shared += utility[r];
            shared /= end - start;
            for (int r = start; r < end; r++) weight[best[r]] = shared;
            start = end;
        }
        return weight;
    }

    /// <inheritdoc/>
    protected override TellReport Update(ReadOnlySpan<int> noiseIndices, ReadOnlySpan<double> fitness)
    {
        int n = Dimension;
        int perTask = PerTask;
        double[] weight = Weights(fitness);

        // Per task: a mirrored pair ±ε contributes (u⁺ − u⁻)·ε to ∇μ and (u⁺ + u⁻)·(ε² − 1) to ∇σ.
        int tasks = noiseIndices.Length;
        var wMean = new double[tasks];
        var wSigma = new double[tasks];
        for (int k = 0; k < tasks; k++)
        {
            wMean[k] = perTask == 2 ? weight[2 * k] - weight[2 * k + 1] : weight[k];
            wSigma[k] = perTask == 2 ? weight[2 * k] + weight[2 * k + 1] : weight[k];
        }
        var gradMean = new double[n];
        var gradSigma = new double[n];
        NoiseMomentSums.Compute(Noise.AsSpan(), noiseIndices.ToArray(), wMean, wSigma, gradMean, gradSigma, n);

        Span<float> mean = Mean;
        Span<double> sigma = SigmaValues;
        double before = FitnessReplay.Norm(mean);
        double stepSquares = 0;
        double half = _sigmaLearningRate / 2.0;
        for (int i = 0; i < n; i++)
        {
            double step = _options.MeanLearningRate * sigma[i] * gradMean[i];
            float updated = (float)(mean[i] + step);
            double actual = (double)updated - mean[i];
            stepSquares += actual * actual;
            mean[i] = updated;
            sigma[i] *= DeterministicMath.Exp(half * gradSigma[i]);
        }
        return new TellReport(FitnessReplay.Norm(gradMean), FitnessReplay.Norm(mean), before > 0 ? Math.Sqrt(stepSquares) / before : 0.0);
    }
}

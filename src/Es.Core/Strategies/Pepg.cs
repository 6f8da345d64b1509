// PEPG (Sehnke et al. 2010) as estool implements it: mirrored sampling with per-parameter σ that adapts.
using Es.Core.Noise;
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>
/// Parameter-exploring policy gradients ("Parameter-exploring policy gradients", Sehnke,
/// Osendorfer, Rückstieß, Graves, Peters, Schmidhuber, Neural Networks 23(4), 2010) in the form
/// of estool's <c>PEPG</c> (hardmaru/estool, es.py). Task j evaluates the symmetric pair
/// μ ± σ⊙εⱼ, εⱼ a noise-table slice. With rewards r (centered ranks by default, then estool's
/// weight penalty −λ·mean(x²)) and the baseline b = mean(r):
/// <list type="bullet">
/// <item>μ: ĝ = Σⱼ (r⁺ⱼ − r⁻ⱼ)·σ⊙εⱼ goes to the optimizer (Adam by default) as −ĝ; or, with an elite
/// ratio, μ moves to the mean of the best candidates;</item>
/// <item>σ: Δσ = Σⱼ ((r⁺ⱼ + r⁻ⱼ)/2 − b)·((σ⊙εⱼ)² − σ²)/σ / (2m·s), s = 1 for ranks else the rewards'
/// std; σ += clip(α_σ·Δσ, ±σ_max_change·σ); then σᵢ above σ_limit decays by σ_decay;</item>
/// <item>the learning rate decays by its factor while above its limit.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>
/// Like estool, ĝ is not divided by the number of pairs (Adam is insensitive to the scale; with
/// SGD the step grows with the population). estool's other baseline (the reward of μ itself,
/// evaluated as an extra candidate) has no place in the mirrored-pair task shape, so the baseline
/// is always the average of the generation's rewards (estool's default).
/// </para>
/// <para>
/// A partial generation (straggler cut-off) learns from the m completed pairs exactly as from a
/// full one: ranks, baseline, the 2m in the σ update and the elite count use only those pairs.
/// </para>
/// <para>
/// State: <see cref="StrategyState.Center"/> = μ, <see cref="StrategyState.Optimizer"/> = the μ
/// optimizer, <see cref="StrategyState.Extra"/> = [σ₀ … σₙ₋₁, current learning rate].
/// <see cref="TellReport.GradientNorm"/> is ‖ĝ‖, or with elites the length of μ's move.
/// </para>
/// </remarks>
public sealed class Pepg : DiagonalGaussianStrategy
{
    private readonly PepgOptions _options;
    private IOptimizer _optimizer;
    private double _learningRate;

    /// <summary>Creates the strategy around <paramref name="initialParameters"/> with σ = <see cref="PepgOptions.SigmaInit"/> everywhere.</summary>
    /// <param name="options">Hyper-parameters; validated here.</param>
    /// <param name="initialParameters">μ₀.</param>
    /// <param name="noise">The shared noise table; it must hold at least one slice of the parameter count.</param>
    /// <param name="seed">Seed of the noise-index streams (the run seed).</param>
    /// <exception cref="ArgumentException">Invalid options, an empty θ₀, or a noise table smaller than θ₀.</exception>
    public Pepg(PepgOptions options, ReadOnlySpan<float> initialParameters, NoiseTable noise, ulong seed)
        : base(initialParameters, Validated(options).SigmaInit, noise, seed, options.PopulationSize, mirrored: true)
    {
        _options = options;
        _learningRate = options.LearningRate;
        _optimizer = options.CreateOptimizer(Dimension, _learningRate);
    }

    /// <inheritdoc/>
    public override string Name => "pepg";

    /// <summary>The hyper-parameters.</summary>
    public PepgOptions Options => _options;

    /// <summary>The learning rate of the next update (after the decays so far).</summary>
    public double LearningRate => _learningRate;

    private static PepgOptions Validated(PepgOptions options)
    {
        options.Validate();
        return options;
    }

    /// <inheritdoc/>
    protected override TellReport Update(ReadOnlySpan<int> noiseIndices, ReadOnlySpan<double> fitness)
    {
        int pairs = noiseIndices.Length;
        int population = 2 * pairs;
        int n = Dimension;
        Span<float> mean = Mean;
        Span<double> sigma = SigmaValues;

        var reward = new double[population];
        FitnessShaping.Apply(_options.FitnessShaping, fitness, reward);
        if (_options.WeightDecay > 0) PenalizeWeights(noiseIndices, reward);
        double baseline = 0;
        foreach (double r in reward) baseline += r;
        baseline /= population;

        // The σ update divides by the rewards' spread (1 for ranks); equal rewards say nothing about σ.
        double spread = 1.0;
        if (_options.FitnessShaping != FitnessShapingKind.CenteredRanks)
        {
            double variance = 0;
            foreach (double r in reward) variance += (r - baseline) * (r - baseline);
            spread = Math.Sqrt(variance / population);
        }
        bool gradient = _options.EliteRatio == 0;
        bool adaptSigma = _options.SigmaAlpha > 0 && spread > 0;

        // One pass over the pairs' noise: Σ (r⁺ − r⁻)·ε for μ and Σ ((r⁺ + r⁻)/2 − b)·(ε² − 1) for σ.
        double[]? sumMean = gradient ? new double[n] : null;
        double[]? sumSigma = adaptSigma ? new double[n] : null;
        var wMean = new double[pairs];
        var wSigma = new double[pairs];
        for (int k = 0; k < pairs; k++)
        {
            wMean[k] = reward[2 * k] - reward[2 * k + 1];
            wSigma[k] = (reward[2 * k] + reward[2 * k + 1]) / 2.0 - baseline;
        }
        NoiseMomentSums.Compute(Noise.AsSpan(), noiseIndices.ToArray(), wMean, wSigma, sumMean, sumSigma, n);

        double gradientNorm, ratio;
        if (sumMean is not null)
            (gradientNorm, ratio) = FollowGradient(sumMean);
        else
            (gradientNorm, ratio) = MoveToElites(noiseIndices, reward);

        if (sumSigma is not null)
        {
            double denominator = 2.0 * pairs * spread;
            for (int i = 0; i < n; i++)
            {
                // ((σε)² − σ²)/σ = σ(ε² − 1), with ε the unit slice; σ is the generation's, before any change.
                double change = _options.SigmaAlpha * (sigma[i] * sumSigma[i] / denominator);
                double limit = _options.SigmaMaxChange * sigma[i];
                sigma[i] += Math.Clamp(change, -limit, limit);
            }
        }
        if (_options.SigmaDecay < 1)
        {
            for (int i = 0; i < n; i++)
                if (sigma[i] > _options.SigmaLimit) sigma[i] *= _options.SigmaDecay;
        }
        if (_options.LearningRateDecay < 1 && _learningRate > _options.LearningRateLimit)
        {
            _learningRate *= _options.LearningRateDecay;
            // The optimizers fix their step size at construction: carry the moments into one with the new rate.
            IOptimizer next = _options.CreateOptimizer(n, _learningRate);
            next.LoadState(_optimizer.SaveState());
            _optimizer = next;
        }
        return new TellReport(gradientNorm, FitnessReplay.Norm(mean), ratio);
    }

    /// <summary>
    /// estool's compute_weight_decay: each candidate's reward gets −λ·mean(x²). For the pair
    /// x = μ ± σ⊙ε, Σx² = Σμ² ± 2Σ(μσ)ε + Σσ²ε², so one pass over ε serves both candidates.
    /// </summary>
    /// <remarks>
    /// The sums run over four interleaved scalar accumulators (element i goes to i mod 4), combined
    /// as (a₀ + a₁) + (a₂ + a₃): a fixed order, so every machine gets the same bits, without one long
    /// chain of dependent additions.
    /// </remarks>
    private void PenalizeWeights(ReadOnlySpan<int> noiseIndices, double[] reward)
    {
        int n = Dimension;
        ReadOnlySpan<float> mean = Mean;
        ReadOnlySpan<double> sigma = SigmaValues;
        var meanSigma = new double[n];
        var sigmaSquared = new double[n];
        double meanSquares = 0;
        for (int i = 0; i < n; i++)
        {
            double m = mean[i];
            meanSquares += m * m;
            meanSigma[i] = m * sigma[i];
            sigmaSquared[i] = sigma[i] * sigma[i];
        }
        for (int k = 0; k < noiseIndices.Length; k++)
        {
            ReadOnlySpan<float> eps = Noise.Slice(noiseIndices[k], n);
            double c0 = 0, c1 = 0, c2 = 0, c3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
            int i = 0;
            for (; i <= n - 4; i += 4)
            {
                double e0 = eps[i], e1 = eps[i + 1], e2 = eps[i + 2], e3 = eps[i + 3];
                c0 += meanSigma[i] * e0;
                c1 += meanSigma[i + 1] * e1;
                c2 += meanSigma[i + 2] * e2;
                c3 += meanSigma[i + 3] * e3;
                q0 += sigmaSquared[i] * (e0 * e0);
                q1 += sigmaSquared[i + 1] * (e1 * e1);
                q2 += sigmaSquared[i + 2] * (e2 * e2);
                q3 += sigmaSquared[i + 3] * (e3 * e3);
            }
            for (; i < n; i++)
            {
                double e = eps[i];
                c0 += meanSigma[i] * e;
                q0 += sigmaSquared[i] * (e * e);
            }
            double cross = (c0 + c1) + (c2 + c3);
            double noiseSquares = (q0 + q1) + (q2 + q3);
            reward[2 * k] -= _options.WeightDecay * ((meanSquares + 2.0 * cross + noiseSquares) / n);
            reward[2 * k + 1] -= _options.WeightDecay * ((meanSquares - 2.0 * cross + noiseSquares) / n);
        }
    }

    private (double GradientNorm, double Ratio) FollowGradient(double[] sum)
    {
        int n = Dimension;
        ReadOnlySpan<double> sigma = SigmaValues;
        var step = new float[n];
        double squares = 0;
        for (int i = 0; i < n; i++)
        {
            double g = sum[i] * sigma[i];
            squares += g * g;
            step[i] = (float)-g; // the optimizer minimizes
        }
        double ratio = _optimizer.Step(Mean, step);
        return (Math.Sqrt(squares), ratio);
    }

    private (double GradientNorm, double Ratio) MoveToElites(ReadOnlySpan<int> noiseIndices, double[] reward)
    {
        int n = Dimension;
        ReadOnlySpan<double> sigma = SigmaValues;
        Span<float> mean = Mean;
        double thetaNorm = FitnessReplay.Norm(mean);
        int elites = Math.Max(1, (int)(reward.Length * _options.EliteRatio));
        int[] best = FitnessReplay.BestFirst(reward);
        var sum = new double[n];
        for (int e = 0; e < elites; e++)
        {
            int c = best[e];
            double sign = c % 2 == 0 ? 1.0 : -1.0;
            ReadOnlySpan<float> eps = Noise.Slice(noiseIndices[c / 2], n);
            for (int i = 0; i < n; i++) sum[i] += sign * eps[i];
        }
        double squares = 0;
        for (int i = 0; i < n; i++)
        {
            double d = sum[i] * sigma[i] / elites;
            squares += d * d;
            mean[i] = (float)(mean[i] + d);
        }
        double norm = Math.Sqrt(squares);
        return (norm, thetaNorm > 0 ? norm / thetaNorm : 0.0);
    }

    /// <inheritdoc/>
    protected override int ExtraScalarCount => 1;

    /// <inheritdoc/>
    protected override void SaveExtraScalars(Span<double> destination) => destination[0] = _learningRate;

    /// <inheritdoc/>
    protected override OptimizerState? SaveOptimizer() => _optimizer.SaveState();

    /// <inheritdoc/>
    protected override void LoadExtra(ReadOnlySpan<double> scalars, OptimizerState? optimizer)
    {
        double learningRate = scalars[0];
        if (!(learningRate > 0) || double.IsInfinity(learningRate))
            throw new ArgumentException($"pepg state has learning rate {learningRate}; it must be > 0 and finite.", nameof(scalars));
        if (optimizer is null) throw new ArgumentException("pepg state has no optimizer state.", nameof(optimizer));
        IOptimizer restored = _options.CreateOptimizer(Dimension, learningRate);
        restored.LoadState(optimizer);
        _optimizer = restored;
        _learningRate = learningRate;
    }
}

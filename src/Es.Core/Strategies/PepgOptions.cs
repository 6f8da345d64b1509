// Hyper-parameters of PEPG (Sehnke et al. 2010), with the defaults of estool's PEPG class.
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>
/// PEPG settings. The defaults are those of estool's <c>PEPG</c> (hardmaru/estool, es.py), the
/// implementation of "Parameter-exploring policy gradients" (Sehnke, Osendorfer, Rückstieß,
/// Graves, Peters, Schmidhuber, Neural Networks 23(4), 2010) most ES users compare with:
/// σ₀ 0.10, σ learning rate 0.20, σ decay 0.999 down to 0.01, σ change clipped to 20 % per
/// generation, learning rate 0.01 with decay 0.9999 down to 0.01, no elites, the average
/// baseline, weight decay 0.01, rank fitness, population 256, Adam with β₁ 0.99.
/// </summary>
public sealed record PepgOptions
{
    /// <summary>Candidates per generation: PopulationSize / 2 mirrored pairs μ ± σ⊙ε (estool <c>popsize</c>, 256). PEPG's symmetric sampling needs it even.</summary>
    public int PopulationSize { get; init; } = 256;

    /// <summary>σ₀, the initial standard deviation of every parameter (estool <c>sigma_init</c>, 0.10).</summary>
    public double SigmaInit { get; init; } = 0.10;

    /// <summary>Learning rate of the σ update (estool <c>sigma_alpha</c>, 0.20); 0 keeps σ fixed apart from <see cref="SigmaDecay"/>.</summary>
    public double SigmaAlpha { get; init; } = 0.20;

    /// <summary>Per-generation factor applied to every σᵢ still above <see cref="SigmaLimit"/> (estool <c>sigma_decay</c>, 0.999); 1 = no decay.</summary>
    public double SigmaDecay { get; init; } = 0.999;

    /// <summary>σᵢ decays only while above this (estool <c>sigma_limit</c>, 0.01). It does not bound the adaptive update.</summary>
    public double SigmaLimit { get; init; } = 0.01;

    /// <summary>The adaptive change of σᵢ is clipped to ± this fraction of σᵢ per generation (estool <c>sigma_max_change</c>, 0.2); in (0, 1), so σ stays positive.</summary>
    public double SigmaMaxChange { get; init; } = 0.2;

    /// <summary>Step size of the μ optimizer (estool <c>learning_rate</c>, 0.01).</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Per-generation factor on the learning rate while it is above <see cref="LearningRateLimit"/> (estool <c>learning_rate_decay</c>, 0.9999); 1 = no decay.</summary>
    public double LearningRateDecay { get; init; } = 0.9999;

    /// <summary>The learning rate decays only while above this (estool <c>learning_rate_limit</c>, 0.01: with the defaults it never decays).</summary>
    public double LearningRateLimit { get; init; } = 0.01;

    /// <summary>
    /// When above 0, μ moves to the mean of the best ⌊ratio·P⌋ candidates (at least one) instead of
    /// following the gradient, and the optimizer is not used (estool <c>elite_ratio</c>, 0).
    /// </summary>
    public double EliteRatio { get; init; }

    /// <summary>
    /// Coefficient λ of estool's fitness penalty: each candidate x's shaped fitness gets −λ·mean(x²)
    /// added before the update (estool <c>weight_decay</c>, 0.01). 0 disables it.
    /// </summary>
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>
    /// How fitnesses become rewards: centered ranks (estool <c>rank_fitness = True</c>, the default),
    /// raw (<c>rank_fitness = False</c>; the σ update then divides by the rewards' std), or z-scores.
    /// </summary>
    public FitnessShapingKind FitnessShaping { get; init; } = FitnessShapingKind.CenteredRanks;

    /// <summary>The optimizer of μ (estool: Adam).</summary>
    public OptimizerType Optimizer { get; init; } = OptimizerType.Adam;

    /// <summary>Adam's β₁ (estool's Adam: 0.99).</summary>
    public double Beta1 { get; init; } = 0.99;

    /// <summary>Adam's β₂ (0.999).</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's ε (1e-8).</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>SGD's momentum; 0 gives the plain gradient step μ ← μ + lr·ĝ.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Refuses settings no run could use, with the reason.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public void Validate()
    {
        if (PopulationSize < 2 || PopulationSize % 2 != 0)
            throw new ArgumentException($"population size must be even and >= 2 (PEPG evaluates mirrored pairs), got {PopulationSize}.", nameof(PopulationSize));
        Positive(SigmaInit, "sigma init", nameof(SigmaInit));
        if (!(SigmaAlpha >= 0) || double.IsInfinity(SigmaAlpha)) throw new ArgumentException($"sigma alpha must be >= 0 and finite, got {SigmaAlpha}.", nameof(SigmaAlpha));
        if (!(SigmaDecay > 0 && SigmaDecay <= 1)) throw new ArgumentException($"sigma decay must be in (0, 1], got {SigmaDecay}.", nameof(SigmaDecay));
        if (!(SigmaLimit >= 0) || double.IsInfinity(SigmaLimit)) throw new ArgumentException($"sigma limit must be >= 0 and finite, got {SigmaLimit}.", nameof(SigmaLimit));
        if (!(SigmaMaxChange > 0 && SigmaMaxChange < 1)) throw new ArgumentException($"sigma max change must be in (0, 1), got {SigmaMaxChange}.", nameof(SigmaMaxChange));
        Positive(LearningRate, "learning rate", nameof(LearningRate));
        if (!(LearningRateDecay > 0 && LearningRateDecay <= 1)) throw new ArgumentException($"learning rate decay must be in (0, 1], got {LearningRateDecay}.", nameof(LearningRateDecay));
        if (!(LearningRateLimit >= 0) || double.IsInfinity(LearningRateLimit)) throw new ArgumentException($"learning rate limit must be >= 0 and finite, got {LearningRateLimit}.", nameof(LearningRateLimit));
        if (!(EliteRatio >= 0 && EliteRatio <= 1)) throw new ArgumentException($"elite ratio must be in [0, 1], got {EliteRatio}.", nameof(EliteRatio));
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay)) throw new ArgumentException($"weight decay must be >= 0 and finite, got {WeightDecay}.", nameof(WeightDecay));
        if (!Enum.IsDefined(FitnessShaping)) throw new ArgumentException($"unknown fitness shaping {FitnessShaping}.", nameof(FitnessShaping));
        if (!Enum.IsDefined(Optimizer)) throw new ArgumentException($"unknown optimizer {Optimizer}.", nameof(Optimizer));
        try
        {
            _ = CreateOptimizer(1, LearningRate);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new ArgumentException($"optimizer: {e.Message}", e.ParamName ?? nameof(Optimizer), e);
        }
    }

    /// <summary>Builds the configured optimizer for <paramref name="dimension"/> parameters at step size <paramref name="learningRate"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A hyper-parameter of the optimizer is out of range.</exception>
    public IOptimizer CreateOptimizer(int dimension, double learningRate) => Optimizer switch
    {
        OptimizerType.Adam => new Adam(dimension, learningRate, Beta1, Beta2, Epsilon),
        OptimizerType.Sgd => new SgdMomentum(dimension, learningRate, Momentum),
        _ => throw new InvalidOperationException($"unknown optimizer {Optimizer}."),
    };

    private static void Positive(double value, string what, string name)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw new ArgumentException($"{what} must be > 0 and finite, got {value}.", name);
    }
}

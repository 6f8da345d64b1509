// Hyper-parameters of OpenAI-ES, with the defaults of Salimans et al. (2017) and evolution-strategies-starter.
using Es.Core.Optimizers;

namespace Es.Core.Strategies;

/// <summary>
/// OpenAI-ES settings. Defaults are the paper's MuJoCo settings: σ = 0.02, Adam with step size
/// 0.01, L2 coefficient 0.005, mirrored sampling, centered-rank fitness shaping.
/// </summary>
public sealed record OpenAiEsOptions
{
    /// <summary>Evaluations per generation; with mirrored sampling, twice the number of pairs.</summary>
    public int PopulationSize { get; init; } = 256;

    /// <summary>Standard deviation σ of the parameter perturbations.</summary>
    public double Sigma { get; init; } = 0.02;

    /// <summary>Evaluate ε and −ε on the same environment seed (antithetic sampling), which cancels even-order noise in the estimate.</summary>
    public bool Mirrored { get; init; } = true;

    /// <summary>How fitnesses become weights.</summary>
    public FitnessShapingKind FitnessShaping { get; init; } = FitnessShapingKind.CenteredRanks;

    /// <summary>L2 coefficient λ: the optimizer receives −ĝ + λθ.</summary>
    public double WeightDecay { get; init; } = 0.005;

    /// <summary>The optimizer applying the estimate.</summary>
    public OptimizerType Optimizer { get; init; } = OptimizerType.Adam;

    /// <summary>Optimizer step size.</summary>
    public double LearningRate { get; init; } = 0.01;

    /// <summary>Adam's β₁.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Adam's β₂.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Adam's ε.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>SGD's momentum.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Refuses settings no run could use, with the reason.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public void Validate()
    {
        if (PopulationSize < 1) throw new ArgumentException($"population size must be >= 1, got {PopulationSize}.", nameof(PopulationSize));
        if (Mirrored && PopulationSize % 2 != 0)
            throw new ArgumentException($"population size {PopulationSize} is odd, but mirrored sampling needs pairs.", nameof(PopulationSize));
        if (!(Sigma > 0) || double.IsInfinity(Sigma)) throw new ArgumentException($"sigma must be > 0 and finite, got {Sigma}.", nameof(Sigma));
        if (!(WeightDecay >= 0)) throw new ArgumentException($"weight decay must be >= 0, got {WeightDecay}.", nameof(WeightDecay));
        _ = CreateOptimizer(1);
    }

    /// <summary>Builds the configured optimizer for <paramref name="dimension"/> parameters.</summary>
    public IOptimizer CreateOptimizer(int dimension) => Optimizer switch
    {
        OptimizerType.Adam => new Adam(dimension, LearningRate, Beta1, Beta2, Epsilon),
        OptimizerType.Sgd => new SgdMomentum(dimension, LearningRate, Momentum),
        _ => throw new InvalidOperationException($"unknown optimizer {Optimizer}."),
    };
}

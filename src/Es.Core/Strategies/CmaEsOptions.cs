// Hyper-parameters of CMA-ES: Hansen's tutorial defaults, with optional IPOP restarts (Auger and Hansen 2005).
namespace Es.Core.Strategies;

/// <summary>
/// Settings of <see cref="CmaEs"/>. Everything the tutorial (N. Hansen, "The CMA Evolution
/// Strategy: A Tutorial", arXiv:1604.00772, 2016, table 1) derives from the dimension n (the
/// recombination weights, c_σ, d_σ, c_c, c₁, c_μ) is computed, not set; what is left is the
/// population size λ (0: the tutorial's 4 + ⌊3 ln n⌋), the initial step size σ₀, mirrored
/// sampling, and IPOP restarts (A. Auger, N. Hansen, "A Restart CMA Evolution Strategy With
/// Increasing Population Size", CEC 2005), off by default.
/// </summary>
public sealed record CmaEsOptions
{
    /// <summary>λ, candidates per generation; 0 (default) means the tutorial's 4 + ⌊3 ln n⌋ (rounded up to even when mirrored).</summary>
    public int PopulationSize { get; init; } = 0;

    /// <summary>
    /// Initial step size σ₀. The tutorial asks for about a third of the distance to the optimum
    /// per coordinate; 0.1 is estool's default for policy weights (its CMAES wrapper's sigma_init).
    /// Test-function configurations set it (0.5 for a start in [0, 1]ⁿ, for example).
    /// </summary>
    public double Sigma { get; init; } = 0.1;

    /// <summary>Sample z and −z as a pair on one environment seed (Brockhoff et al. 2010's mirrored sampling; off in the tutorial).</summary>
    public bool Mirrored { get; init; } = false;

    /// <summary>IPOP restarts allowed: when a stopping criterion holds, start again from θ₀ and σ₀ with λ multiplied by <see cref="PopulationIncrease"/>. 0 (default): never restart.</summary>
    public int Restarts { get; init; } = 0;

    /// <summary>Factor on λ at each restart (Auger and Hansen: 2).</summary>
    public double PopulationIncrease { get; init; } = 2.0;

    /// <summary>Restart criterion TolFun: the range of the recent best fitnesses and of the last generation's fitnesses is below this (tutorial: 10⁻¹²).</summary>
    public double TolFun { get; init; } = 1e-12;

    /// <summary>Restart criterion TolX: σ·p_c and σ·√C_ii are all below TolX·σ₀ (tutorial: 10⁻¹²·σ₀).</summary>
    public double TolX { get; init; } = 1e-12;

    /// <summary>Restart criterion ConditionCov: the condition number of C exceeds this (tutorial: 10¹⁴).</summary>
    public double MaxCondition { get; init; } = 1e14;

    /// <summary>Refuses settings no run could use, with the reason.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public void Validate()
    {
        if (PopulationSize != 0 && PopulationSize < 2)
            throw new ArgumentException($"population size must be 0 (the tutorial's default) or >= 2, got {PopulationSize}.", nameof(PopulationSize));
        if (Mirrored && PopulationSize % 2 != 0)
            throw new ArgumentException($"population size {PopulationSize} is odd, but mirrored sampling needs pairs.", nameof(PopulationSize));
        if (!(Sigma > 0) || double.IsInfinity(Sigma)) throw new ArgumentException($"sigma must be > 0 and finite, got {Sigma}.", nameof(Sigma));
        if (Restarts < 0) throw new ArgumentException($"restarts must be >= 0, got {Restarts}.", nameof(Restarts));
        if (!(PopulationIncrease >= 1) || double.IsInfinity(PopulationIncrease))
            throw new ArgumentException($"population increase must be >= 1 and finite, got {PopulationIncrease}.", nameof(PopulationIncrease));
        if (!(TolFun >= 0) || double.IsInfinity(TolFun)) throw new ArgumentException($"tol-fun must be >= 0 and finite, got {TolFun}.", nameof(TolFun));
        if (!(TolX >= 0) || double.IsInfinity(TolX)) throw new ArgumentException($"tol-x must be >= 0 and finite, got {TolX}.", nameof(TolX));
        if (!(MaxCondition > 1)) throw new ArgumentException($"max condition must be > 1, got {MaxCondition}.", nameof(MaxCondition));
    }

    /// <summary>λ for <paramref name="dimension"/> parameters at the first start: the option, or 4 + ⌊3 ln n⌋ (even when mirrored).</summary>
    public int InitialPopulation(int dimension)
    {
        if (PopulationSize > 0) return PopulationSize;
        int lambda = 4 + (int)Math.Floor(3 * Random.DeterministicMath.Log(dimension));
        return Mirrored && lambda % 2 != 0 ? lambda + 1 : lambda;
    }
}

// Hyper-parameters of the simple Gaussian hill-climber of Ha's "A Visual Guide to Evolution Strategies" (2017).
namespace Es.Core.Strategies;

/// <summary>
/// Settings of <see cref="SimpleGaussian"/>. The guide (D. Ha, "A Visual Guide to Evolution
/// Strategies", blog.otoro.net, 2017, section "Simple Evolution Strategy") fixes the algorithm
/// (sample around μ with a fixed σ, then μ ← the generation's best) but not the numbers for a
/// general problem, so the defaults are modest ones: 64 candidates, σ = 0.1, no mirroring.
/// </summary>
public sealed record SimpleGaussianOptions
{
    /// <summary>Candidates per generation; with mirrored sampling, twice the number of pairs.</summary>
    public int PopulationSize { get; init; } = 64;

    /// <summary>The fixed standard deviation σ of the samples around the center.</summary>
    public double Sigma { get; init; } = 0.1;

    /// <summary>Sample ε and −ε as a pair on one environment seed (off in the guide).</summary>
    public bool Mirrored { get; init; } = false;

    /// <summary>
    /// False (the guide): the center moves to the generation's best candidate every generation,
    /// even when that is worse than the center was. True: the center moves only when a candidate
    /// beats the fitness the center was measured with (an elitist (1+λ) climber; on noisy returns
    /// a lucky evaluation can then hold the center for a long time).
    /// </summary>
    public bool Elitist { get; init; } = false;

    /// <summary>Refuses settings no run could use, with the reason.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public void Validate()
    {
        if (PopulationSize < 1) throw new ArgumentException($"population size must be >= 1, got {PopulationSize}.", nameof(PopulationSize));
        if (Mirrored && PopulationSize % 2 != 0)
            throw new ArgumentException($"population size {PopulationSize} is odd, but mirrored sampling needs pairs.", nameof(PopulationSize));
        if (!(Sigma > 0) || double.IsInfinity(Sigma)) throw new ArgumentException($"sigma must be > 0 and finite, got {Sigma}.", nameof(Sigma));
    }
}

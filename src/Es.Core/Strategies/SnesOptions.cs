// Hyper-parameters of SNES (Schaul et al. 2011), with the paper's defaults.
using Es.Core.Random;

namespace Es.Core.Strategies;

/// <summary>
/// SNES settings. The defaults are those of "High dimensions and heavy tails for natural evolution
/// strategies" (Schaul, Glasmachers, Schmidhuber, GECCO 2011): population λ = 4 + ⌊3 ln n⌋,
/// η_μ = 1, η_σ = (3 + ln n)/(5√n), rank-based utilities, no mirrored sampling. The population and
/// η_σ depend on the parameter count n, so their defaults are 0, meaning "the paper's formula".
/// </summary>
public sealed record SnesOptions
{
    /// <summary>Candidates per generation; 0 (default) = λ = 4 + ⌊3 ln n⌋, rounded up to even when <see cref="Mirrored"/>.</summary>
    public int PopulationSize { get; init; }

    /// <summary>Evaluate ε and −ε on the same environment seed (allowed by the paper, not its default).</summary>
    public bool Mirrored { get; init; }

    /// <summary>σ₀ for every parameter. The paper leaves it to the problem; 0.1 suits policy weights.</summary>
    public double InitialSigma { get; init; } = 0.1;

    /// <summary>η_μ, the learning rate of the mean (paper: 1).</summary>
    public double MeanLearningRate { get; init; } = 1.0;

    /// <summary>η_σ, the learning rate of log σ; 0 (default) = (3 + ln n)/(5√n).</summary>
    public double SigmaLearningRate { get; init; }

    /// <summary>Refuses settings no run could use, with the reason.</summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public void Validate()
    {
        if (PopulationSize < 0) throw new ArgumentException($"population size must be >= 2, or 0 for the paper's 4 + floor(3 ln n), got {PopulationSize}.", nameof(PopulationSize));
        if (PopulationSize == 1) throw new ArgumentException("population size 1 cannot rank anything; use >= 2, or 0 for the paper's 4 + floor(3 ln n).", nameof(PopulationSize));
        if (Mirrored && PopulationSize % 2 != 0)
            throw new ArgumentException($"population size {PopulationSize} is odd, but mirrored sampling needs pairs.", nameof(PopulationSize));
        if (!(InitialSigma > 0) || double.IsInfinity(InitialSigma)) throw new ArgumentException($"initial sigma must be > 0 and finite, got {InitialSigma}.", nameof(InitialSigma));
        if (!(MeanLearningRate > 0) || double.IsInfinity(MeanLearningRate)) throw new ArgumentException($"mean learning rate must be > 0 and finite, got {MeanLearningRate}.", nameof(MeanLearningRate));
        if (!(SigmaLearningRate >= 0) || double.IsInfinity(SigmaLearningRate))
            throw new ArgumentException($"sigma learning rate must be > 0 and finite, or 0 for the paper's (3 + ln n)/(5 sqrt n), got {SigmaLearningRate}.", nameof(SigmaLearningRate));
    }

    /// <summary>The population for <paramref name="dimension"/> parameters: <see cref="PopulationSize"/>, or the paper's λ when it is 0.</summary>
    public int PopulationFor(int dimension)
    {
        if (PopulationSize > 0) return PopulationSize;
        int lambda = 4 + (int)Math.Floor(3.0 * DeterministicMath.Log(Math.Max(dimension, 1)));
        return Mirrored && lambda % 2 != 0 ? lambda + 1 : lambda;
    }

    /// <summary>η_σ for <paramref name="dimension"/> parameters: <see cref="SigmaLearningRate"/>, or the paper's formula when it is 0.</summary>
    public double SigmaLearningRateFor(int dimension) =>
        SigmaLearningRate > 0 ? SigmaLearningRate : (3.0 + DeterministicMath.Log(Math.Max(dimension, 1))) / (5.0 * Math.Sqrt(Math.Max(dimension, 1)));
}

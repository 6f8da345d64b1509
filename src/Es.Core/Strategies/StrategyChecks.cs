// The checks every strategy's constructor makes on θ₀ and the shared noise table, written once.
using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>Argument checks shared by the strategies, so each refuses the same bad start with the same message.</summary>
internal static class StrategyChecks
{
    /// <summary>θ₀ is not empty and the noise table holds at least one slice of its length.</summary>
    /// <exception cref="ArgumentException">Either does not hold.</exception>
    public static void Fits(ReadOnlySpan<float> initialParameters, NoiseTable noise)
    {
        if (initialParameters.Length == 0) throw new ArgumentException("θ₀ is empty.", nameof(initialParameters));
        if (noise.Size < initialParameters.Length)
            throw new ArgumentException($"the noise table holds {noise.Size} values, fewer than the {initialParameters.Length} parameters.", nameof(noise));
    }

    /// <summary><see cref="Fits"/>, and every value of θ₀ is finite.</summary>
    /// <exception cref="ArgumentException">One of them does not hold.</exception>
    public static void Start(ReadOnlySpan<float> initialParameters, NoiseTable noise)
    {
        Fits(initialParameters, noise);
        foreach (float v in initialParameters)
            if (!float.IsFinite(v)) throw new ArgumentException("θ₀ holds a non-finite value.", nameof(initialParameters));
    }
}

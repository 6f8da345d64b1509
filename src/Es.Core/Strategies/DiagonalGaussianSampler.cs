// The sampler of separable Gaussian strategies (PEPG, SNES): candidate = μ + sign·σ⊙ε, ε a noise-table slice.
using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// Rebuilds μ + sign·σ⊙ε for one generation of a strategy with a per-parameter σ: a worker needs
/// μ, σ and the shared noise table, so a task still travels as its noise index.
/// </summary>
/// <remarks>
/// Each component is computed in double, μᵢ + sign·σᵢ·εᵢ, and rounded to float once; the
/// strategy's own <see cref="IStrategy.Materialize"/> calls the same <see cref="Perturb"/>, so
/// the two agree bit for bit.
/// </remarks>
public sealed class DiagonalGaussianSampler : ICandidateSampler
{
    private readonly float[] _mean;
    private readonly double[] _sigma;
    private readonly NoiseTable _noise;

    /// <summary>Creates the sampler; it keeps the arrays, so pass copies nobody modifies.</summary>
    /// <param name="generation">The generation μ and σ belong to.</param>
    /// <param name="mean">μ.</param>
    /// <param name="sigma">σ, one per parameter.</param>
    /// <param name="noise">The shared noise table.</param>
    /// <param name="candidatesPerTask">2 for mirrored pairs, 1 otherwise.</param>
    /// <exception cref="ArgumentException">μ and σ differ in length.</exception>
    public DiagonalGaussianSampler(long generation, float[] mean, double[] sigma, NoiseTable noise, int candidatesPerTask)
    {
        if (mean.Length != sigma.Length)
            throw new ArgumentException($"σ has {sigma.Length} elements, μ has {mean.Length}.", nameof(sigma));
        Generation = generation;
        _mean = mean;
        _sigma = sigma;
        _noise = noise;
        CandidatesPerTask = candidatesPerTask;
    }

    /// <inheritdoc/>
    public long Generation { get; }

    /// <inheritdoc/>
    public int Dimension => _mean.Length;

    /// <inheritdoc/>
    public int CandidatesPerTask { get; }

    /// <inheritdoc/>
    /// <remarks>μ, the distribution's mean.</remarks>
    public ReadOnlySpan<float> Center => _mean;

    /// <inheritdoc/>
    public void Materialize(in Candidate candidate, Span<float> destination) =>
        Perturb(_mean, _sigma, _noise, candidate.NoiseIndex, candidate.Sign, destination);

    /// <summary>destination = μ + sign·σ⊙ε, with ε the slice at <paramref name="noiseIndex"/>; the formula every evaluator uses.</summary>
    /// <exception cref="ArgumentException">The spans differ in length from μ.</exception>
    public static void Perturb(ReadOnlySpan<float> mean, ReadOnlySpan<double> sigma, NoiseTable noise, int noiseIndex, int sign, Span<float> destination)
    {
        if (destination.Length != mean.Length)
            throw new ArgumentException($"destination has {destination.Length} elements, μ has {mean.Length}.", nameof(destination));
        if (sigma.Length != mean.Length)
            throw new ArgumentException($"σ has {sigma.Length} elements, μ has {mean.Length}.", nameof(sigma));
        ReadOnlySpan<float> eps = noise.Slice(noiseIndex, mean.Length);
        double s = sign;
        for (int i = 0; i < mean.Length; i++)
        {
            double delta = s * sigma[i] * eps[i];
            destination[i] = (float)(mean[i] + delta);
        }
    }
}

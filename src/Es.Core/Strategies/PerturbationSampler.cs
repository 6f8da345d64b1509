// The sampler of isotropic strategies: candidate = θ + sign·σ·ε, with ε a slice of the noise table.
using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// Rebuilds θ + sign·σ·ε for one generation (OpenAI-ES, ARS): the only state a worker needs is θ,
/// σ and the shared noise table, so a task travels as its noise index.
/// </summary>
/// <param name="generation">The generation θ belongs to.</param>
/// <param name="theta">θ; the sampler keeps the array, so pass one nobody modifies.</param>
/// <param name="noise">The shared noise table.</param>
/// <param name="sigma">Perturbation scale σ.</param>
/// <param name="candidatesPerTask">2 for mirrored pairs, 1 otherwise.</param>
public sealed class PerturbationSampler(long generation, float[] theta, NoiseTable noise, float sigma, int candidatesPerTask) : ICandidateSampler
{
    /// <inheritdoc/>
    public long Generation => generation;

    /// <inheritdoc/>
    public int Dimension => theta.Length;

    /// <inheritdoc/>
    public int CandidatesPerTask => candidatesPerTask;

    /// <inheritdoc/>
    public ReadOnlySpan<float> Center => theta;

    /// <inheritdoc/>
    public void Materialize(in Candidate candidate, Span<float> destination) =>
        OpenAiEs.Perturb(theta, noise, candidate.NoiseIndex, candidate.Sign * sigma, destination);
}

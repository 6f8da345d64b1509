// The sampler of CMA-ES: x = m + σ·B·D·z with z the task's noise slice, frozen at one generation.
using Es.Core.Noise;

namespace Es.Core.Strategies;

/// <summary>
/// Rebuilds the candidates of one <see cref="CmaEs"/> generation: x = m + sign·σ·(B·D)·z, z the
/// noise slice of the task, computed in double and rounded to float once. Holds m, σ and the
/// n×n matrix B·D, so materializing a candidate costs O(n²).
/// </summary>
public sealed class CmaSampler : ICandidateSampler
{
    private readonly double[] _mean;
    private readonly double _sigma;
    private readonly double[] _bd;
    private readonly float[] _center;
    private readonly NoiseTable _noise;

    /// <summary>Creates the sampler.</summary>
    /// <param name="generation">The generation it rebuilds.</param>
    /// <param name="mean">m (copied).</param>
    /// <param name="sigma">σ.</param>
    /// <param name="bd">B·D, row-major n×n; kept, so pass an array nobody modifies.</param>
    /// <param name="noise">The shared noise table.</param>
    /// <param name="candidatesPerTask">2 when mirrored, else 1.</param>
    /// <exception cref="ArgumentException">B·D is not n×n.</exception>
    public CmaSampler(long generation, ReadOnlySpan<double> mean, double sigma, double[] bd, NoiseTable noise, int candidatesPerTask)
    {
        if (bd.Length != mean.Length * mean.Length)
            throw new ArgumentException($"B·D has {bd.Length} values; {mean.Length}×{mean.Length} expected.", nameof(bd));
        Generation = generation;
        _mean = mean.ToArray();
        _sigma = sigma;
        _bd = bd;
        _noise = noise;
        CandidatesPerTask = candidatesPerTask;
        _center = new float[_mean.Length];
        for (int i = 0; i < _mean.Length; i++) _center[i] = (float)_mean[i];
    }

    /// <inheritdoc/>
    public long Generation { get; }

    /// <inheritdoc/>
    public int Dimension => _mean.Length;

    /// <inheritdoc/>
    public int CandidatesPerTask { get; }

    /// <inheritdoc/>
    /// <remarks>The mean m, rounded to float.</remarks>
    public ReadOnlySpan<float> Center => _center;

    /// <inheritdoc/>
    public void Materialize(in Candidate candidate, Span<float> destination) =>
        Sample(_mean, _sigma, _bd, _noise, candidate, destination);

    /// <summary>The formula every node uses: x = m + sign·σ·(B·D)·z, row by row, left to right.</summary>
    internal static void Sample(ReadOnlySpan<double> mean, double sigma, double[] bd, NoiseTable noise, in Candidate candidate, Span<float> destination)
    {
        int n = mean.Length;
        if (destination.Length != n)
            throw new ArgumentException($"destination has {destination.Length} elements, θ has {n}.", nameof(destination));
        ReadOnlySpan<float> z = noise.Slice(candidate.NoiseIndex, n);
        double scale = candidate.Sign * sigma;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            int row = i * n;
            for (int k = 0; k < n; k++) sum += bd[row + k] * z[k];
            destination[i] = (float)(mean[i] + scale * sum);
        }
    }
}

// The hot kernel of PEPG and SNES: weighted sums of noise slices and of their squares, blocked and in a fixed order.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Es.Core.Strategies;

/// <summary>
/// Computes, for slices εₖ of the noise table, the two sums the separable Gaussian strategies
/// need: m[i] = Σₖ aₖ·εₖ[i] (the mean's gradient) and s[i] = Σₖ bₖ·(εₖ[i]² − 1) (the σ gradient),
/// in double.
/// </summary>
/// <remarks>
/// Every element accumulates its terms in k order with separate multiplies and adds (never fused),
/// and a vector lane computes exactly what the scalar loop computes, so the result is the same
/// bits for any vector width, thread count or machine. The parameters are processed in blocks
/// that stay in cache while all slices stream through them; large vectors run their blocks in
/// parallel, which cannot change any element's order of operations.
/// </remarks>
internal static class NoiseMomentSums
{
    private const int BlockSize = 2048;
    private const int ParallelThreshold = 1 << 16;

    /// <summary>Overwrites <paramref name="mean"/> and/or <paramref name="squares"/> (either may be null) with the sums.</summary>
    /// <param name="noise">The whole noise table.</param>
    /// <param name="indices">Start of each slice εₖ.</param>
    /// <param name="a">Weights of the mean sum, one per slice (unused when <paramref name="mean"/> is null).</param>
    /// <param name="b">Weights of the square sum, one per slice (unused when <paramref name="squares"/> is null).</param>
    /// <param name="mean">Receives Σ aₖ εₖ, or null.</param>
    /// <param name="squares">Receives Σ bₖ (εₖ² − 1), or null.</param>
    /// <param name="dimension">Slice length.</param>
    public static void Compute(ReadOnlySpan<float> noise, int[] indices, double[] a, double[] b, double[]? mean, double[]? squares, int dimension)
    {
        if (mean is null && squares is null) return;
        for (int k = 0; k < indices.Length; k++)
            if (indices[k] < 0 || (long)indices[k] + dimension > noise.Length)
                throw new ArgumentException($"slice {k} at index {indices[k]} of length {dimension} runs past the noise table of {noise.Length} values.", nameof(indices));
        int blocks = (dimension + BlockSize - 1) / BlockSize;
        if (dimension < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            for (int block = 0; block < blocks; block++) Block(noise, indices, a, b, mean, squares, dimension, block);
            return;
        }
        unsafe
        {
            fixed (float* pNoise = noise)
            {
                var noisePtr = (nint)pNoise;
                int noiseLength = noise.Length;
                Parallel.For(0, blocks, block => Block(new ReadOnlySpan<float>((float*)noisePtr, noiseLength), indices, a, b, mean, squares, dimension, block));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(ReadOnlySpan<float> noise, int[] indices, double[] a, double[] b, double[]? mean, double[]? squares, int dimension, int block)
    {
        int start = block * BlockSize;
        int length = Math.Min(BlockSize, dimension - start);
        Span<double> m = mean is null ? default : mean.AsSpan(start, length);
        Span<double> s = squares is null ? default : squares.AsSpan(start, length);
        m.Clear();
        s.Clear();
        for (int k = 0; k < indices.Length; k++)
        {
            ReadOnlySpan<float> eps = noise.Slice(indices[k] + start, length);
            if (mean is not null && a[k] != 0) AddScaled(eps, a[k], m);
            if (squares is not null && b[k] != 0) AddScaledSquares(eps, b[k], s);
        }
    }

    /// <summary>dst[i] += w·(double)src[i], multiply then add.</summary>
    private static void AddScaled(ReadOnlySpan<float> src, double w, Span<double> dst)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var wv = Vector256.Create(w);
            ref float sr = ref MemoryMarshal.GetReference(src);
            ref double dr = ref MemoryMarshal.GetReference(dst);
            for (; i <= src.Length - 8; i += 8)
            {
                (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref sr, (nuint)i));
                Vector256.Add(Vector256.LoadUnsafe(ref dr, (nuint)i), Vector256.Multiply(wv, lo)).StoreUnsafe(ref dr, (nuint)i);
                Vector256.Add(Vector256.LoadUnsafe(ref dr, (nuint)(i + 4)), Vector256.Multiply(wv, hi)).StoreUnsafe(ref dr, (nuint)(i + 4));
            }
        }
        for (; i < src.Length; i++)
        {
            double product = w * src[i];
            dst[i] += product;
        }
    }

    /// <summary>dst[i] += w·(e·e − 1) with e = (double)src[i], each operation rounded on its own.</summary>
    private static void AddScaledSquares(ReadOnlySpan<float> src, double w, Span<double> dst)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var wv = Vector256.Create(w);
            var one = Vector256.Create(1.0);
            ref float sr = ref MemoryMarshal.GetReference(src);
            ref double dr = ref MemoryMarshal.GetReference(dst);
            for (; i <= src.Length - 8; i += 8)
            {
                (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref sr, (nuint)i));
                Vector256<double> qlo = Vector256.Subtract(Vector256.Multiply(lo, lo), one);
                Vector256<double> qhi = Vector256.Subtract(Vector256.Multiply(hi, hi), one);
                Vector256.Add(Vector256.LoadUnsafe(ref dr, (nuint)i), Vector256.Multiply(wv, qlo)).StoreUnsafe(ref dr, (nuint)i);
                Vector256.Add(Vector256.LoadUnsafe(ref dr, (nuint)(i + 4)), Vector256.Multiply(wv, qhi)).StoreUnsafe(ref dr, (nuint)(i + 4));
            }
        }
        for (; i < src.Length; i++)
        {
            double e = src[i];
            double q = e * e - 1.0;
            double product = w * q;
            dst[i] += product;
        }
    }
}

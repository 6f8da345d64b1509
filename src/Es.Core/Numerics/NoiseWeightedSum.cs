// The hot kernel of an ES update: a weighted sum of noise-table slices, in a fixed order.
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Es.Core.Numerics;

/// <summary>
/// Computes g = Σ_j w_j · noise[i_j … i_j + n) for a list of (start index, weight).
/// </summary>
/// <remarks>
/// Each output element accumulates its terms in j order with separate multiply and add (no
/// fused multiply-add), so the result is the same bits on every machine and for every thread
/// count: every node's replica computes exactly the aggregator's θ. The output is processed in
/// cache-sized blocks, each block streaming through all slices while it stays in L1, and blocks
/// run in parallel when the vector is large.
/// </remarks>
public static class NoiseWeightedSum
{
    private const int BlockSize = 4096;
    private const int ParallelThreshold = 1 << 16;

    /// <summary>Writes the weighted sum of the slices into <paramref name="destination"/> (overwriting it).</summary>
    /// <param name="noise">The whole noise table.</param>
    /// <param name="indices">Start index of each slice.</param>
    /// <param name="weights">Weight of each slice, in the same order.</param>
    /// <param name="destination">Receives the sum; its length is the slice length.</param>
    /// <param name="parallel">Split the vector across cores when it is large.</param>
    /// <exception cref="ArgumentException">Lengths disagree, or a slice runs past the table.</exception>
    public static void Compute(ReadOnlySpan<float> noise, ReadOnlySpan<int> indices, ReadOnlySpan<float> weights, Span<float> destination, bool parallel = true)
    {
        if (indices.Length != weights.Length)
            throw new ArgumentException($"{indices.Length} indices but {weights.Length} weights.", nameof(weights));
        int n = destination.Length;
        for (int j = 0; j < indices.Length; j++)
            if (indices[j] < 0 || (long)indices[j] + n > noise.Length)
                throw new ArgumentException($"slice {j} at index {indices[j]} of length {n} runs past the noise table of {noise.Length} values.", nameof(indices));

        int blocks = (n + BlockSize - 1) / BlockSize;
        if (!parallel || n < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            for (int b = 0; b < blocks; b++) Block(noise, indices, weights, destination, b);
            return;
        }
        unsafe
        {
            fixed (float* pNoise = noise)
            fixed (int* pIdx = indices)
            fixed (float* pW = weights)
            fixed (float* pDst = destination)
            {
                var noisePtr = (nint)pNoise; int noiseLen = noise.Length;
                var idxPtr = (nint)pIdx; int count = indices.Length;
                var wPtr = (nint)pW;
                var dstPtr = (nint)pDst;
                Parallel.For(0, blocks, b => Block(
                    new ReadOnlySpan<float>((float*)noisePtr, noiseLen),
                    new ReadOnlySpan<int>((int*)idxPtr, count),
                    new ReadOnlySpan<float>((float*)wPtr, count),
                    new Span<float>((float*)dstPtr, n), b));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block(ReadOnlySpan<float> noise, ReadOnlySpan<int> indices, ReadOnlySpan<float> weights, Span<float> destination, int block)
    {
        int start = block * BlockSize;
        int length = Math.Min(BlockSize, destination.Length - start);
        Span<float> dst = destination.Slice(start, length);
        dst.Clear();
        for (int j = 0; j < indices.Length; j++)
        {
            float w = weights[j];
            if (w == 0f) continue;
            ReadOnlySpan<float> src = noise.Slice(indices[j] + start, length);
            AddScaled(src, w, dst);
        }
    }

    /// <summary>dst[k] += w · src[k], as a multiply then an add (never fused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void AddScaled(ReadOnlySpan<float> src, float w, Span<float> dst)
    {
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var wv = Vector256.Create(w);
            ref float s = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(src);
            ref float d = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(dst);
            for (; k <= src.Length - 8; k += 8)
            {
                var product = Vector256.Multiply(Vector256.LoadUnsafe(ref s, (nuint)k), wv);
                Vector256.Add(Vector256.LoadUnsafe(ref d, (nuint)k), product).StoreUnsafe(ref d, (nuint)k);
            }
        }
        for (; k < src.Length; k++)
        {
            float product = src[k] * w;
            dst[k] += product;
        }
    }
}

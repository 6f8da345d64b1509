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
        // Four slices per pass over the block: the running sum stays in registers between them, and
        // ((((acc + w0·s0) + w1·s1) + w2·s2) + w3·s3) is exactly the one-slice-at-a-time order.
        Span<int> pending = stackalloc int[4];
        int count = 0;
        for (int j = 0; j < indices.Length; j++)
        {
            if (weights[j] == 0f) continue;
            pending[count++] = j;
            if (count < 4) continue;
            AddScaled4(noise, indices, weights, pending, start, dst);
            count = 0;
        }
        for (int k = 0; k < count; k++)
            AddScaled(noise.Slice(indices[pending[k]] + start, length), weights[pending[k]], dst);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScaled4(ReadOnlySpan<float> noise, ReadOnlySpan<int> indices, ReadOnlySpan<float> weights, ReadOnlySpan<int> four, int start, Span<float> dst)
    {
        int length = dst.Length;
        ReadOnlySpan<float> s0 = noise.Slice(indices[four[0]] + start, length);
        ReadOnlySpan<float> s1 = noise.Slice(indices[four[1]] + start, length);
        ReadOnlySpan<float> s2 = noise.Slice(indices[four[2]] + start, length);
        ReadOnlySpan<float> s3 = noise.Slice(indices[four[3]] + start, length);
        float w0 = weights[four[0]], w1 = weights[four[1]], w2 = weights[four[2]], w3 = weights[four[3]];
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var v0 = Vector256.Create(w0);
            var v1 = Vector256.Create(w1);
            var v2 = Vector256.Create(w2);
            var v3 = Vector256.Create(w3);
            ref float r0 = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s0);
            ref float r1 = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s1);
            ref float r2 = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s2);
            ref float r3 = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(s3);
            ref float d = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(dst);
            for (; k <= length - 8; k += 8)
            {
                var acc = Vector256.LoadUnsafe(ref d, (nuint)k);
                acc = Vector256.Add(acc, Vector256.Multiply(Vector256.LoadUnsafe(ref r0, (nuint)k), v0));
                acc = Vector256.Add(acc, Vector256.Multiply(Vector256.LoadUnsafe(ref r1, (nuint)k), v1));
                acc = Vector256.Add(acc, Vector256.Multiply(Vector256.LoadUnsafe(ref r2, (nuint)k), v2));
                acc = Vector256.Add(acc, Vector256.Multiply(Vector256.LoadUnsafe(ref r3, (nuint)k), v3));
                acc.StoreUnsafe(ref d, (nuint)k);
            }
        }
        for (; k < length; k++)
        {
            float acc = dst[k];
            float p0 = s0[k] * w0;
            acc += p0;
            float p1 = s1[k] * w1;
            acc += p1;
            float p2 = s2[k] * w2;
            acc += p2;
            float p3 = s3[k] * w3;
            acc += p3;
            dst[k] = acc;
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

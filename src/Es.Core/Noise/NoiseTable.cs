// The shared table of Gaussian noise: perturbations travel between nodes as one start index
// into it, so every node must build the same bits from (seed, size).
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Es.Core.Random;

namespace Es.Core.Noise;

/// <summary>
/// A large, immutable array of float32 standard-normal deviates shared by every worker, after
/// Salimans et al. (2017): a perturbation ε is the slice starting at an index, so a task or a
/// result names it with one integer instead of shipping a parameter-sized vector.
/// </summary>
/// <remarks>
/// <para>
/// Layout: the table is cut into chunks of <see cref="ChunkSize"/> values and chunk <c>c</c> is
/// filled by the Ziggurat sampler from <c>Rng.ForStream(seed, c)</c>. Each value therefore depends
/// only on (seed, index): not on the thread count, not on the order chunks are filled, and not
/// even on <see cref="Size"/> (a smaller table is a prefix of a larger one with the same seed).
/// The sampler uses no libm function and no fused multiply-add, so x64 (with or without AVX-512)
/// and ARM64 produce the same bits; <see cref="Fingerprint"/> lets nodes check that.
/// </para>
/// <para>Instances are immutable and safe to read from any number of threads.</para>
/// </remarks>
public sealed class NoiseTable
{
    /// <summary>Values per independently seeded chunk. Part of the table's definition: changing it changes every value past the first chunk.</summary>
    public const int ChunkSize = 1 << 16;

    /// <summary>Identifies the sampling algorithm in <see cref="Fingerprint"/>; bump it whenever the sampler's output changes.</summary>
    private const ulong SamplerVersion = 0x5A49_4731_3536_0001UL; // "ZIG256" v1

    /// <summary>Number of evenly spaced values folded into <see cref="Fingerprint"/>.</summary>
    private const int FingerprintSamples = 64;

    private static readonly ConcurrentDictionary<(ulong Seed, int Size), Lazy<NoiseTable>> SharedTables = new();

    private readonly float[] _values;

    private NoiseTable(ulong seed, float[] values)
    {
        Seed = seed;
        _values = values;
        Fingerprint = ComputeFingerprint(seed, values);
    }

    /// <summary>Seed the table was generated from.</summary>
    public ulong Seed { get; }

    /// <summary>Number of values in the table.</summary>
    public int Size => _values.Length;

    /// <summary>
    /// A cheap 64-bit digest of the sampler version, seed, size and a few dozen values spread
    /// over the table. Nodes compare it at hand-shake time and refuse a mismatched table, which
    /// would otherwise silently turn every perturbation into a different one.
    /// </summary>
    public ulong Fingerprint { get; }

    /// <summary>Generates the table for (<paramref name="seed"/>, <paramref name="size"/>) using all cores.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive or exceeds <see cref="Array.MaxLength"/>.</exception>
    public static NoiseTable Create(ulong seed, int size) => Create(seed, size, maxDegreeOfParallelism: -1);

    /// <summary>
    /// Generates the table with bounded parallelism (−1: all cores, 1: on the calling thread),
    /// for a node that must leave cores to its evaluators. The values do not depend on it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is out of range, or <paramref name="maxDegreeOfParallelism"/> is 0 or below −1.</exception>
    public static NoiseTable Create(ulong seed, int size, int maxDegreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Array.MaxLength);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "Use −1 (unbounded) or a positive thread count.");

        float[] values = GC.AllocateUninitializedArray<float>(size);
        int chunks = (int)(((long)size + ChunkSize - 1) / ChunkSize);
        if (maxDegreeOfParallelism == 1)
        {
            for (int c = 0; c < chunks; c++) FillChunk(seed, values, c);
        }
        else
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            Parallel.For(0, chunks, options, c => FillChunk(seed, values, c));
        }
        return new NoiseTable(seed, values);
    }

    /// <summary>
    /// The process-wide table for (<paramref name="seed"/>, <paramref name="size"/>), generated
    /// once on first use, so the evaluators of one node share one copy instead of one each.
    /// Thread-safe; concurrent first callers wait for a single generation. Cached tables live
    /// as long as the process (a run uses one).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive or exceeds <see cref="Array.MaxLength"/>.</exception>
    public static NoiseTable Shared(ulong seed, int size)
    {
        // Validate before caching so a bad size does not leave a faulted Lazy behind.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, Array.MaxLength);
        return SharedTables
            .GetOrAdd((seed, size), key => new Lazy<NoiseTable>(() => Create(key.Seed, key.Size), LazyThreadSafetyMode.ExecutionAndPublication))
            .Value;
    }

    /// <summary>The perturbation of <paramref name="length"/> values starting at <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range [index, index + length) is not inside the table.</exception>
    public ReadOnlySpan<float> Slice(int index, int length)
    {
        if (index < 0 || length < 0 || (long)index + length > _values.Length)
        {
            throw new ArgumentOutOfRangeException(
                index < 0 || index >= _values.Length ? nameof(index) : nameof(length),
                $"Noise slice [{index}, {(long)index + length}) is outside the table of {_values.Length} values (seed {Seed}).");
        }
        return new ReadOnlySpan<float>(_values, index, length);
    }

    /// <summary>The whole table.</summary>
    public ReadOnlySpan<float> AsSpan() => _values;

    /// <summary>
    /// Draws a start index uniform on [0, Size − <paramref name="length"/>], so that a slice of
    /// <paramref name="length"/> values starting there always fits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is not positive or exceeds <see cref="Size"/>.</exception>
    public int SampleIndex(ref Rng rng, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _values.Length);
        return (int)rng.NextInt64((long)_values.Length - length + 1);
    }

    /// <summary>A digest of every value (slow: reads the whole table); tests use it to compare tables across builds.</summary>
    internal ulong ComputeContentHash()
    {
        ulong h = Rng.Mix(Seed, (ulong)_values.Length);
        ReadOnlySpan<uint> bits = MemoryMarshal.Cast<float, uint>(_values);
        for (int i = 0; i < bits.Length; i++) h = Rng.Mix(h, bits[i]);
        return h;
    }

    private static void FillChunk(ulong seed, float[] values, int chunk)
    {
        int start = chunk * ChunkSize;
        int length = Math.Min(ChunkSize, values.Length - start);
        var rng = Rng.ForStream(seed, (ulong)chunk);
        Ziggurat.Fill(ref rng, values.AsSpan(start, length));
    }

    private static ulong ComputeFingerprint(ulong seed, float[] values)
    {
        ulong h = Rng.Mix(SamplerVersion, seed);
        h = Rng.Mix(h, (ulong)values.Length);
        h = Rng.Mix(h, ChunkSize);
        long last = values.Length - 1;
        for (int k = 0; k < FingerprintSamples; k++)
        {
            long index = last * k / (FingerprintSamples - 1);
            h = Rng.Mix(h, BitConverter.SingleToUInt32Bits(values[index]));
        }
        return h;
    }
}

// Observation normalization shared by every rollout of a generation: (obs − mean)/std, clipped,
// with mean and std derived from merged ObservationStats exactly as evolution-strategies-starter does.
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Es.Core.Numerics;

namespace Es.Core.Normalization;

/// <summary>
/// Standardizes observations with running statistics so one policy scale suits environments whose
/// observation components differ by orders of magnitude (Salimans et al. 2017, §2.3 / "virtual
/// batch normalization"-like input scaling).
/// </summary>
/// <remarks>
/// <para>
/// Convention (the starter's <c>RunningStat</c>): the statistics start with a prior of weight
/// ε = <see cref="InitialCount"/> (count ε, Σx² = ε), mean = Σx / count and
/// std = √max(Σx²/count − mean², <see cref="MinVariance"/>), computed in double and cached as
/// float. Then <c>Normalize</c> computes clip((obs − mean)/std, −clip, clip) in float32 with exact
/// element-wise IEEE operations, so every node gets the same bits from the same statistics.
/// </para>
/// <para>
/// A checkpoint stores <see cref="Stats"/> (its arrays and count) and <see cref="Clip"/>;
/// <see cref="FromStats"/> recomputes identical mean and std from them. <see cref="Normalize"/>
/// may run on many threads at once; <see cref="Update"/> swaps mean and std in as one snapshot,
/// but must not run concurrently with another <see cref="Update"/>.
/// </para>
/// </remarks>
public sealed class ObservationNormalizer
{
    /// <summary>Weight ε of the prior pseudo-observation (count and Σx² start at ε).</summary>
    public const double InitialCount = 1e-2;

    /// <summary>Floor on the variance, so a constant observation component does not divide by zero.</summary>
    public const double MinVariance = 1e-2;

    /// <summary>The starter's clip on normalized observations.</summary>
    public const float DefaultClip = 5f;

    private readonly ObservationStats _stats;

    // Mean in [0, size), std in [size, 2·size): one array so an update replaces both at once.
    private float[] _meanAndStd;

    /// <summary>An enabled normalizer with the prior statistics (initially mean 0, std 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative, or <paramref name="clip"/> is not positive.</exception>
    public ObservationNormalizer(int size, float clip = DefaultClip)
        : this(ObservationStats.WithPrior(size, InitialCount), clip, enabled: true)
    {
    }

    private ObservationNormalizer(ObservationStats stats, float clip, bool enabled)
    {
        if (!(clip > 0f))
            throw new ArgumentOutOfRangeException(nameof(clip), clip, "Clip must be positive (use +∞ for none).");
        _stats = stats;
        Clip = clip;
        Enabled = enabled;
        _meanAndStd = ComputeMeanAndStd(stats);
    }

    /// <summary>False for the identity normalizer used when normalization is turned off.</summary>
    public bool Enabled { get; }

    /// <summary>Number of observation components.</summary>
    public int Size => _stats.Size;

    /// <summary>Normalized values are clipped to [−Clip, Clip].</summary>
    public float Clip { get; }

    /// <summary>The current mean (first <see cref="Size"/> values) and std (the next <see cref="Size"/>), one snapshot: for a fused step that keeps them in registers.</summary>
    internal ReadOnlySpan<float> MeanAndStd => Volatile.Read(ref _meanAndStd);

    /// <summary>A copy of the accumulated statistics (prior included): what a checkpoint stores.</summary>
    public ObservationStats Stats => _stats.Copy();

    /// <summary>A copy of the cached per-component mean.</summary>
    public float[] Mean => _meanAndStd.AsSpan(0, Size).ToArray();

    /// <summary>A copy of the cached per-component standard deviation.</summary>
    public float[] Std => _meanAndStd.AsSpan(Size, Size).ToArray();

    /// <summary>A normalizer that passes observations through unchanged and ignores updates (normalization off).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public static ObservationNormalizer Identity(int size) =>
        new(new ObservationStats(size), float.PositiveInfinity, enabled: false);

    /// <summary>Restores an enabled normalizer from stored statistics (copied); mean and std come out bit-identical.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clip"/> is not positive, or the statistics' count is not positive.</exception>
    public static ObservationNormalizer FromStats(ObservationStats stats, float clip = DefaultClip)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (!(stats.Count > 0))
            throw new ArgumentOutOfRangeException(nameof(stats), stats.Count, "Statistics need a positive count (the prior gives ε).");
        return new ObservationNormalizer(stats.Copy(), clip, enabled: true);
    }

    /// <summary>Merges a generation's worker statistics and recomputes mean and std. No effect on the identity normalizer.</summary>
    /// <exception cref="ArgumentException"><paramref name="delta"/> tracks a different number of components.</exception>
    public void Update(ObservationStats delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.Size != Size)
            throw new ArgumentException($"Update has {delta.Size} components; the normalizer has {Size}.", nameof(delta));
        if (!Enabled) return;
        _stats.Merge(delta);
        Volatile.Write(ref _meanAndStd, ComputeMeanAndStd(_stats));
    }

    /// <summary>Replaces the statistics with stored ones (a checkpoint's or a snapshot's); mean and std come out bit-identical to the stored run's.</summary>
    /// <exception cref="ArgumentException"><paramref name="stats"/> tracks a different number of components.</exception>
    public void Restore(ObservationStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (stats.Size != Size)
            throw new ArgumentException($"Stored statistics have {stats.Size} components; the normalizer has {Size}.", nameof(stats));
        _stats.Clear();
        _stats.Merge(stats);
        Volatile.Write(ref _meanAndStd, ComputeMeanAndStd(_stats));
    }

    /// <summary>Writes clip((obs − mean)/std, −Clip, Clip) to <paramref name="destination"/>, which may be the same memory as <paramref name="observation"/>.</summary>
    /// <exception cref="ArgumentException">A span does not have <see cref="Size"/> components.</exception>
    public void Normalize(ReadOnlySpan<float> observation, Span<float> destination)
    {
        if (observation.Length != Size)
            throw new ArgumentException($"Observation has {observation.Length} components; the normalizer has {Size}.", nameof(observation));
        if (destination.Length != Size)
            throw new ArgumentException($"Destination has {destination.Length} components; the normalizer has {Size}.", nameof(destination));
        if (!Enabled)
        {
            observation.CopyTo(destination);
            return;
        }
        float[] meanAndStd = Volatile.Read(ref _meanAndStd);
        int size = Size;
        // Subtraction, division and clamping are exact IEEE operations element by element, so
        // the vectorized TensorPrimitives give the same bits on every machine.
        TensorPrimitives.Subtract(observation, meanAndStd.AsSpan(0, size), destination);
        TensorPrimitives.Divide(destination, meanAndStd.AsSpan(size, size), destination);
        TensorPrimitives.Clamp(destination, -Clip, Clip, destination);
    }

    /// <summary>
    /// <see cref="Normalize"/> for many observations stored component-major: component <c>c</c> of
    /// observation <c>k</c> at <c>c·<paramref name="stride"/> + k</c>, as lockstep rollouts keep them;
    /// only observations 0 to <paramref name="lanes"/> − 1 are read and written. Every element goes
    /// through the same subtraction, division and clamp as in <see cref="Normalize"/> (NaN passes
    /// through, as there), so each observation comes out the same bits.
    /// </summary>
    /// <exception cref="ArgumentException">A span is not <see cref="Size"/>·<paramref name="stride"/> long.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is negative or above <paramref name="stride"/>.</exception>
    public void NormalizeLanes(ReadOnlySpan<float> observations, Span<float> destination, int stride, int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(lanes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lanes, stride);
        if (observations.Length != Size * stride)
            throw new ArgumentException($"Observations have {observations.Length} values; {Size} components of {stride} lanes expected.", nameof(observations));
        if (destination.Length != Size * stride)
            throw new ArgumentException($"Destination has {destination.Length} values; {Size} components of {stride} lanes expected.", nameof(destination));
        int size = Size;
        if (!Enabled)
        {
            for (int c = 0; c < size; c++) observations.Slice(c * stride, lanes).CopyTo(destination.Slice(c * stride, lanes));
            return;
        }
        float[] meanAndStd = Volatile.Read(ref _meanAndStd);
        float clip = Clip;
        // Unchecked from here: the lengths were checked above, and lanes ≤ stride. A lockstep step
        // of two or three busy lanes spent more on the slices' checks than on the arithmetic.
        ref float source = ref MemoryMarshal.GetReference(observations);
        ref float target = ref MemoryMarshal.GetReference(destination);
        for (int c = 0; c < size; c++)
        {
            float mean = meanAndStd[c], std = meanAndStd[size + c];
            ref float x = ref Unsafe.Add(ref source, c * stride);
            ref float y = ref Unsafe.Add(ref target, c * stride);
            int k = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var m = Vector256.Create(mean);
                var s = Vector256.Create(std);
                var low = Vector256.Create(-clip);
                var high = Vector256.Create(clip);
                for (; k + 8 <= lanes; k += 8)
                {
                    var v = (Vector256.LoadUnsafe(ref x, (nuint)k) - m) / s;
                    // The scalar clamp below: a comparison and a select per bound, NaN unchanged.
                    VectorClamp.Clamp(v, low, high).StoreUnsafe(ref y, (nuint)k);
                }
            }
            for (; k < lanes; k++)
            {
                float v = (Unsafe.Add(ref x, k) - mean) / std;
                Unsafe.Add(ref y, k) = v < -clip ? -clip : v > clip ? clip : v;
            }
        }
    }

    private static float[] ComputeMeanAndStd(ObservationStats stats)
    {
        int size = stats.Size;
        var result = new float[2 * size];
        if (!(stats.Count > 0))
        {
            // Only the identity normalizer has empty statistics; give it a harmless mean 0, std 1.
            result.AsSpan(size).Fill(1f);
            return result;
        }
        for (int i = 0; i < size; i++)
        {
            double mean = stats.Sum[i] / stats.Count;
            double variance = stats.SumSq[i] / stats.Count - mean * mean;
            result[i] = (float)mean;
            result[size + i] = (float)Math.Sqrt(Math.Max(variance, MinVariance)); // Math.Sqrt is correctly rounded everywhere
        }
        return result;
    }
}

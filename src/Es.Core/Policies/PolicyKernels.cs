// Fixed-order, libm-free numerical kernels for the policy forward pass, so that one parameter
// vector gives the same actions, bit for bit, on every machine that evaluates it.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Es.Core.Policies;

/// <summary>
/// The arithmetic of a policy forward pass, written so that its results do not depend on the
/// CPU: x64 with or without AVX/AVX-512, and ARM64, give identical bits.
/// </summary>
/// <remarks>
/// <para>
/// Why not <c>TensorPrimitives</c>: its Dot and Sum reduce in an order that depends on the
/// hardware vector width and may fuse multiply-adds, and its Tanh mixes vector code with scalar
/// libm calls. An evaluator on another machine would then score a slightly different policy.
/// </para>
/// <para>
/// The rules kept here: only IEEE-754 +, −, ×, ÷ and exact bit operations (the .NET JIT never
/// contracts a separate multiply and add into an FMA, and no FMA intrinsic is used); every
/// output element is produced by one fixed sequence of operations, so the Vector512, Vector256
/// and Vector128 paths (whichever the CPU accelerates) and the scalar fallback compute the same
/// bits lane by lane. Tanh is evaluated in double and rounded once to float, which makes it both
/// accurate (within 1 ulp) and free of libm. <see cref="Affine"/> needs no horizontal
/// reduction at all: with weights stored [in][out] it adds <c>x[i]·W[i,o]</c> to the bias in
/// increasing <c>i</c>, which vectorizes across outputs.
/// </para>
/// </remarks>
public static class PolicyKernels
{
    // tanh constants. Beyond |x| = 9.1, tanh rounds to ±1 in float (1 − tanh 9.02 < 2^−25).
    private const double Saturation = 9.1;
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 6.93147180369123816490e-01; // 32 significant bits: k·Ln2Hi is exact
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double RoundMagic = 6755399441055744.0; // 1.5·2^52: x + magic − magic rounds x to an integer (ties to even)
    private const long RoundMagicBits = 0x4338000000000000L;

    // e^r − 1 = r·(1 + r/2! + … + r^9/10!) on |r| ≤ ln2/2: truncation error below 1e-12 relative,
    // far inside the 6e-8 a float result can show, so the one rounding to float dominates.
    private const double C10 = 1.0 / 3628800.0;
    private const double C9 = 1.0 / 362880.0;
    private const double C8 = 1.0 / 40320.0;
    private const double C7 = 1.0 / 5040.0;
    private const double C6 = 1.0 / 720.0;
    private const double C5 = 1.0 / 120.0;
    private const double C4 = 1.0 / 24.0;
    private const double C3 = 1.0 / 6.0;
    private const double C2 = 1.0 / 2.0;

    /// <summary>
    /// Hyperbolic tangent of a float, identical on every platform and within 1 ulp of the true
    /// value (computed in double, rounded once). Exactly odd, and exactly ±1 for |x| ≥ 9.1.
    /// NaN gives NaN.
    /// </summary>
    public static float Tanh(float x)
    {
        double a = Math.Abs((double)x);
        if (a > Saturation) a = Saturation; // NaN fails the test and flows through as NaN
        // tanh a = (e^2a − 1)/(e^2a + 1). With 2a = k·ln2 + r and s = 2^k, e^2a − 1 = s·expm1(r) + (s − 1),
        // which is exact-ish for small a (k = 0 gives expm1(r) itself) and never cancels.
        double twoA = a + a;
        double m = twoA * Log2E + RoundMagic;
        double k = m - RoundMagic;
        double r = (twoA - k * Ln2Hi) - k * Ln2Lo;
        double p = C10;
        p = p * r + C9;
        p = p * r + C8;
        p = p * r + C7;
        p = p * r + C6;
        p = p * r + C5;
        p = p * r + C4;
        p = p * r + C3;
        p = p * r + C2;
        p = p * r + 1.0;
        p = p * r;
        double s = BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(m) - RoundMagicBits + 1023) << 52);
        double numerator = s * p + (s - 1.0);
        float magnitude = (float)(numerator / (numerator + 2.0));
        return BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits(magnitude) | (BitConverter.SingleToUInt32Bits(x) & 0x8000_0000u));
    }

    /// <summary>Applies <see cref="Tanh(float)"/> element-wise (vectorized, same bits); <paramref name="destination"/> may be <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Tanh(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        TanhCore(source, destination, Vector512.IsHardwareAccelerated, Vector256.IsHardwareAccelerated, Vector128.IsHardwareAccelerated);
    }

    /// <summary>Applies max(x, 0) element-wise (−0 and NaN pass through unchanged); <paramref name="destination"/> may be <paramref name="source"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Relu(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (destination.Length < source.Length)
            throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        // A select on "x < 0" rather than Max: Max's treatment of −0 and NaN has differed between
        // instruction sets; a comparison and a bit select have not.
        int i = 0;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 8 <= source.Length; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref src, (nuint)i);
                Vector256.ConditionalSelect(Vector256.LessThan(v, Vector256<float>.Zero), Vector256<float>.Zero, v).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 4 <= source.Length; i += 4)
            {
                var v = Vector128.LoadUnsafe(ref src, (nuint)i);
                Vector128.ConditionalSelect(Vector128.LessThan(v, Vector128<float>.Zero), Vector128<float>.Zero, v).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < source.Length; i++)
        {
            float v = Unsafe.Add(ref src, i);
            Unsafe.Add(ref dst, i) = v < 0f ? 0f : v;
        }
    }

    /// <summary>
    /// y = b + x·W for W stored row-major as [in][out], accumulated in increasing input index:
    /// <c>y[o] = (…((b[o] + x[0]·W[0,o]) + x[1]·W[1,o]) + …)</c>, every operation rounded to float.
    /// </summary>
    /// <param name="x">Input vector (length <c>in</c>).</param>
    /// <param name="weights">Weights, <c>in·out</c> values, row <c>i</c> holding the weights from input <c>i</c>.</param>
    /// <param name="bias">Bias (length <c>out</c>).</param>
    /// <param name="y">Output (length <c>out</c>); must not overlap <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">The lengths do not agree.</exception>
    public static void Affine(ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y)
    {
        if (bias.Length != y.Length)
            throw new ArgumentException($"Bias has {bias.Length} values for {y.Length} outputs.", nameof(bias));
        if (weights.Length != (long)x.Length * y.Length)
            throw new ArgumentException($"Weights have {weights.Length} values; {x.Length}×{y.Length} expected.", nameof(weights));
        AffineCore(x, weights, bias, y, Vector512.IsHardwareAccelerated, Vector256.IsHardwareAccelerated, Vector128.IsHardwareAccelerated);
    }

    /// <summary>Tanh with the vector widths chosen by the caller, so tests can compare every path.</summary>
    internal static void TanhCore(ReadOnlySpan<float> source, Span<float> destination, bool use512, bool use256, bool use128)
    {
        int i = 0;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        if (use512)
        {
            for (; i + 16 <= source.Length; i += 16)
            {
                var v = Vector512.LoadUnsafe(ref src, (nuint)i);
                var (lo, hi) = Vector512.Widen(v);
                var magnitude = Vector512.Narrow(TanhMagnitude(lo), TanhMagnitude(hi));
                (magnitude | (v & Vector512.Create(-0f))).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        if (use256)
        {
            for (; i + 8 <= source.Length; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref src, (nuint)i);
                var (lo, hi) = Vector256.Widen(v);
                var magnitude = Vector256.Narrow(TanhMagnitude(lo), TanhMagnitude(hi));
                (magnitude | (v & Vector256.Create(-0f))).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        if (use128)
        {
            for (; i + 4 <= source.Length; i += 4)
            {
                var v = Vector128.LoadUnsafe(ref src, (nuint)i);
                var (lo, hi) = Vector128.Widen(v);
                var magnitude = Vector128.Narrow(TanhMagnitude(lo), TanhMagnitude(hi));
                (magnitude | (v & Vector128.Create(-0f))).StoreUnsafe(ref dst, (nuint)i);
            }
        }
        for (; i < source.Length; i++) Unsafe.Add(ref dst, i) = Tanh(Unsafe.Add(ref src, i));
    }

    // The lanes of Tanh(float) before the sign is restored: the same operations in the same order.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> TanhMagnitude(Vector512<double> x)
    {
        var saturation = Vector512.Create(Saturation);
        var a = Vector512.Abs(x);
        a = Vector512.ConditionalSelect(Vector512.GreaterThan(a, saturation), saturation, a);
        var twoA = a + a;
        var m = twoA * Vector512.Create(Log2E) + Vector512.Create(RoundMagic);
        var k = m - Vector512.Create(RoundMagic);
        var r = (twoA - k * Vector512.Create(Ln2Hi)) - k * Vector512.Create(Ln2Lo);
        var p = Vector512.Create(C10);
        p = p * r + Vector512.Create(C9);
        p = p * r + Vector512.Create(C8);
        p = p * r + Vector512.Create(C7);
        p = p * r + Vector512.Create(C6);
        p = p * r + Vector512.Create(C5);
        p = p * r + Vector512.Create(C4);
        p = p * r + Vector512.Create(C3);
        p = p * r + Vector512.Create(C2);
        p = p * r + Vector512.Create(1.0);
        p = p * r;
        var s = Vector512.ShiftLeft(m.AsInt64() - Vector512.Create(RoundMagicBits - 1023), 52).AsDouble();
        var numerator = s * p + (s - Vector512.Create(1.0));
        return numerator / (numerator + Vector512.Create(2.0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> TanhMagnitude(Vector256<double> x)
    {
        var saturation = Vector256.Create(Saturation);
        var a = Vector256.Abs(x);
        a = Vector256.ConditionalSelect(Vector256.GreaterThan(a, saturation), saturation, a);
        var twoA = a + a;
        var m = twoA * Vector256.Create(Log2E) + Vector256.Create(RoundMagic);
        var k = m - Vector256.Create(RoundMagic);
        var r = (twoA - k * Vector256.Create(Ln2Hi)) - k * Vector256.Create(Ln2Lo);
        var p = Vector256.Create(C10);
        p = p * r + Vector256.Create(C9);
        p = p * r + Vector256.Create(C8);
        p = p * r + Vector256.Create(C7);
        p = p * r + Vector256.Create(C6);
        p = p * r + Vector256.Create(C5);
        p = p * r + Vector256.Create(C4);
        p = p * r + Vector256.Create(C3);
        p = p * r + Vector256.Create(C2);
        p = p * r + Vector256.Create(1.0);
        p = p * r;
        var s = Vector256.ShiftLeft(m.AsInt64() - Vector256.Create(RoundMagicBits - 1023), 52).AsDouble();
        var numerator = s * p + (s - Vector256.Create(1.0));
        return numerator / (numerator + Vector256.Create(2.0));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> TanhMagnitude(Vector128<double> x)
    {
        var saturation = Vector128.Create(Saturation);
        var a = Vector128.Abs(x);
        a = Vector128.ConditionalSelect(Vector128.GreaterThan(a, saturation), saturation, a);
        var twoA = a + a;
        var m = twoA * Vector128.Create(Log2E) + Vector128.Create(RoundMagic);
        var k = m - Vector128.Create(RoundMagic);
        var r = (twoA - k * Vector128.Create(Ln2Hi)) - k * Vector128.Create(Ln2Lo);
        var p = Vector128.Create(C10);
        p = p * r + Vector128.Create(C9);
        p = p * r + Vector128.Create(C8);
        p = p * r + Vector128.Create(C7);
        p = p * r + Vector128.Create(C6);
        p = p * r + Vector128.Create(C5);
        p = p * r + Vector128.Create(C4);
        p = p * r + Vector128.Create(C3);
        p = p * r + Vector128.Create(C2);
        p = p * r + Vector128.Create(1.0);
        p = p * r;
        var s = Vector128.ShiftLeft(m.AsInt64() - Vector128.Create(RoundMagicBits - 1023), 52).AsDouble();
        var numerator = s * p + (s - Vector128.Create(1.0));
        return numerator / (numerator + Vector128.Create(2.0));
    }

    /// <summary>Affine with the vector widths chosen by the caller; lengths already checked.</summary>
    internal static void AffineCore(ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y, bool use512, bool use256, bool use128)
    {
        int inputs = x.Length, outputs = y.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(bias);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int o = 0;
        if (use512)
        {
            // Four vectors of outputs at a time: independent accumulators hide the add latency.
            for (; o + 64 <= outputs; o += 64)
            {
                var a0 = Vector512.LoadUnsafe(ref b, (nuint)o);
                var a1 = Vector512.LoadUnsafe(ref b, (nuint)(o + 16));
                var a2 = Vector512.LoadUnsafe(ref b, (nuint)(o + 32));
                var a3 = Vector512.LoadUnsafe(ref b, (nuint)(o + 48));
                for (int i = 0; i < inputs; i++)
                {
                    var xi = Vector512.Create(Unsafe.Add(ref xr, i));
                    ref float row = ref Unsafe.Add(ref w, (nint)i * outputs + o);
                    a0 += xi * Vector512.LoadUnsafe(ref row);
                    a1 += xi * Vector512.LoadUnsafe(ref row, 16);
                    a2 += xi * Vector512.LoadUnsafe(ref row, 32);
                    a3 += xi * Vector512.LoadUnsafe(ref row, 48);
                }
                a0.StoreUnsafe(ref yr, (nuint)o);
                a1.StoreUnsafe(ref yr, (nuint)(o + 16));
                a2.StoreUnsafe(ref yr, (nuint)(o + 32));
                a3.StoreUnsafe(ref yr, (nuint)(o + 48));
            }
            for (; o + 16 <= outputs; o += 16)
            {
                var a0 = Vector512.LoadUnsafe(ref b, (nuint)o);
                for (int i = 0; i < inputs; i++)
                    a0 += Vector512.Create(Unsafe.Add(ref xr, i)) * Vector512.LoadUnsafe(ref Unsafe.Add(ref w, (nint)i * outputs + o));
                a0.StoreUnsafe(ref yr, (nuint)o);
            }
        }
        if (use256)
        {
            for (; o + 32 <= outputs; o += 32)
            {
                var a0 = Vector256.LoadUnsafe(ref b, (nuint)o);
                var a1 = Vector256.LoadUnsafe(ref b, (nuint)(o + 8));
                var a2 = Vector256.LoadUnsafe(ref b, (nuint)(o + 16));
                var a3 = Vector256.LoadUnsafe(ref b, (nuint)(o + 24));
                for (int i = 0; i < inputs; i++)
                {
                    var xi = Vector256.Create(Unsafe.Add(ref xr, i));
                    ref float row = ref Unsafe.Add(ref w, (nint)i * outputs + o);
                    a0 += xi * Vector256.LoadUnsafe(ref row);
                    a1 += xi * Vector256.LoadUnsafe(ref row, 8);
                    a2 += xi * Vector256.LoadUnsafe(ref row, 16);
                    a3 += xi * Vector256.LoadUnsafe(ref row, 24);
                }
                a0.StoreUnsafe(ref yr, (nuint)o);
                a1.StoreUnsafe(ref yr, (nuint)(o + 8));
                a2.StoreUnsafe(ref yr, (nuint)(o + 16));
                a3.StoreUnsafe(ref yr, (nuint)(o + 24));
            }
            for (; o + 8 <= outputs; o += 8)
            {
                var a0 = Vector256.LoadUnsafe(ref b, (nuint)o);
                for (int i = 0; i < inputs; i++)
                    a0 += Vector256.Create(Unsafe.Add(ref xr, i)) * Vector256.LoadUnsafe(ref Unsafe.Add(ref w, (nint)i * outputs + o));
                a0.StoreUnsafe(ref yr, (nuint)o);
            }
        }
        if (use128)
        {
            for (; o + 16 <= outputs; o += 16)
            {
                var a0 = Vector128.LoadUnsafe(ref b, (nuint)o);
                var a1 = Vector128.LoadUnsafe(ref b, (nuint)(o + 4));
                var a2 = Vector128.LoadUnsafe(ref b, (nuint)(o + 8));
                var a3 = Vector128.LoadUnsafe(ref b, (nuint)(o + 12));
                for (int i = 0; i < inputs; i++)
                {
                    var xi = Vector128.Create(Unsafe.Add(ref xr, i));
                    ref float row = ref Unsafe.Add(ref w, (nint)i * outputs + o);
                    a0 += xi * Vector128.LoadUnsafe(ref row);
                    a1 += xi * Vector128.LoadUnsafe(ref row, 4);
                    a2 += xi * Vector128.LoadUnsafe(ref row, 8);
                    a3 += xi * Vector128.LoadUnsafe(ref row, 12);
                }
                a0.StoreUnsafe(ref yr, (nuint)o);
                a1.StoreUnsafe(ref yr, (nuint)(o + 4));
                a2.StoreUnsafe(ref yr, (nuint)(o + 8));
                a3.StoreUnsafe(ref yr, (nuint)(o + 12));
            }
            for (; o + 4 <= outputs; o += 4)
            {
                var a0 = Vector128.LoadUnsafe(ref b, (nuint)o);
                for (int i = 0; i < inputs; i++)
                    a0 += Vector128.Create(Unsafe.Add(ref xr, i)) * Vector128.LoadUnsafe(ref Unsafe.Add(ref w, (nint)i * outputs + o));
                a0.StoreUnsafe(ref yr, (nuint)o);
            }
        }
        // Scalar remainder, two outputs at a time (typical: a 2-action output layer).
        for (; o + 2 <= outputs; o += 2)
        {
            float s0 = Unsafe.Add(ref b, o), s1 = Unsafe.Add(ref b, o + 1);
            for (int i = 0; i < inputs; i++)
            {
                float xi = Unsafe.Add(ref xr, i);
                ref float row = ref Unsafe.Add(ref w, (nint)i * outputs + o);
                s0 += xi * row;
                s1 += xi * Unsafe.Add(ref row, 1);
            }
            Unsafe.Add(ref yr, o) = s0;
            Unsafe.Add(ref yr, o + 1) = s1;
        }
        if (o < outputs)
        {
            float s0 = Unsafe.Add(ref b, o);
            for (int i = 0; i < inputs; i++) s0 += Unsafe.Add(ref xr, i) * Unsafe.Add(ref w, (nint)i * outputs + o);
            Unsafe.Add(ref yr, o) = s0;
        }
    }
}

// Fixed-order, libm-free numerical kernels for the policy forward pass, so that one parameter
// vector gives the same actions, bit for bit, on every machine that evaluates it.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
        if (Vector512.IsHardwareAccelerated)
        {
            // The widest vectors the CPU has: a lockstep layer's next affine reads them back with
            // loads of that width, which narrower stores could not forward.
            for (; i + 16 <= source.Length; i += 16)
            {
                var v = Vector512.LoadUnsafe(ref src, (nuint)i);
                Vector512.ConditionalSelect(Vector512.LessThan(v, Vector512<float>.Zero), Vector512<float>.Zero, v).StoreUnsafe(ref dst, (nuint)i);
            }
        }
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
    /// <remarks>
    /// Each pass takes several vectors of doubles through one kernel whose statements interleave
    /// them: the polynomial is one long chain of dependent operations, and independent chains side
    /// by side keep the core's floating-point units busy where one chain (or several inlined one
    /// after another) left them waiting. With AVX-512: twelve chains (96 floats) a pass, then one
    /// of eight (64 floats), then 16-float passes for the rest; four chains (two vectors of
    /// floats) with 256- and 128-bit vectors. Four chains measured 1.3–1.5× the values a second
    /// of one on 64 to 1,024 floats, eight another 1.35×, twelve (with the clamp as one
    /// <c>vminpd</c> and each half converted straight from and to memory) another 1.10–1.20×.
    /// Every lane still does the operations of <see cref="Tanh(float)"/> in order: the 96-float
    /// kernel gave the scalar bits for all 2³² floats (checked once, outside the tests, 36 s).
    /// </remarks>
    internal static void TanhCore(ReadOnlySpan<float> source, Span<float> destination, bool use512, bool use256, bool use128)
    {
        int i = 0;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        if (use512 && Avx512F.IsSupported)
        {
            for (; i + 96 <= source.Length; i += 96) Tanh96(ref Unsafe.Add(ref src, i), ref Unsafe.Add(ref dst, i));
            for (; i + 64 <= source.Length; i += 64) Tanh64(ref Unsafe.Add(ref src, i), ref Unsafe.Add(ref dst, i));
            for (; i + 16 <= source.Length; i += 16) Tanh16Wide(ref Unsafe.Add(ref src, i), ref Unsafe.Add(ref dst, i));
        }
        if (use256)
        {
            for (; i + 16 <= source.Length; i += 16) Tanh16(ref Unsafe.Add(ref src, i), ref Unsafe.Add(ref dst, i));
        }
        if (use128)
        {
            for (; i + 8 <= source.Length; i += 8) Tanh8(ref Unsafe.Add(ref src, i), ref Unsafe.Add(ref dst, i));
        }
        if (use128 && i + 4 <= source.Length)
        {
            TanhTail(source[i..], destination[i..]);
            return;
        }
        for (; i < source.Length; i++) Unsafe.Add(ref dst, i) = Tanh(Unsafe.Add(ref src, i));
    }

    // Four to seven floats: a block of eight through a buffer, zeros after the values. Its own
    // method, so that TanhCore's frame has no stack buffer to set up on every call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void TanhTail(ReadOnlySpan<float> source, Span<float> destination)
    {
        Span<float> block = stackalloc float[8];
        block.Clear();
        source.CopyTo(block);
        Tanh8(ref MemoryMarshal.GetReference(block), ref MemoryMarshal.GetReference(block));
        block[..source.Length].CopyTo(destination);
    }

    // Tanh of 96 floats, twelve vectors of eight doubles: each lane does the operations of
    // Tanh(float) in order, the statements of the twelve chains interleaved, so that the core
    // always has independent work (twelve chains ran 1.10-1.20x eight; sixteen spill registers).
    // Its steps are the helpers below, which the JIT inlines. Not inlined into TanhCore's loop
    // on purpose: inlined, its vectors went through the stack around a call the JIT kept anyway.
    private static void Tanh96(ref float source, ref float destination)
    {
        var x0 = Widen(ref source, 0); var x1 = Widen(ref source, 1); var x2 = Widen(ref source, 2); var x3 = Widen(ref source, 3);
        var x4 = Widen(ref source, 4); var x5 = Widen(ref source, 5); var x6 = Widen(ref source, 6); var x7 = Widen(ref source, 7);
        var x8 = Widen(ref source, 8); var x9 = Widen(ref source, 9); var x10 = Widen(ref source, 10); var x11 = Widen(ref source, 11);
        var t0 = Twice(x0); var t1 = Twice(x1); var t2 = Twice(x2); var t3 = Twice(x3);
        var t4 = Twice(x4); var t5 = Twice(x5); var t6 = Twice(x6); var t7 = Twice(x7);
        var t8 = Twice(x8); var t9 = Twice(x9); var t10 = Twice(x10); var t11 = Twice(x11);
        var m0 = Shifted(t0); var m1 = Shifted(t1); var m2 = Shifted(t2); var m3 = Shifted(t3);
        var m4 = Shifted(t4); var m5 = Shifted(t5); var m6 = Shifted(t6); var m7 = Shifted(t7);
        var m8 = Shifted(t8); var m9 = Shifted(t9); var m10 = Shifted(t10); var m11 = Shifted(t11);
        var k0 = m0 - Vector512.Create(RoundMagic); var k1 = m1 - Vector512.Create(RoundMagic); var k2 = m2 - Vector512.Create(RoundMagic); var k3 = m3 - Vector512.Create(RoundMagic);
        var k4 = m4 - Vector512.Create(RoundMagic); var k5 = m5 - Vector512.Create(RoundMagic); var k6 = m6 - Vector512.Create(RoundMagic); var k7 = m7 - Vector512.Create(RoundMagic);
        var k8 = m8 - Vector512.Create(RoundMagic); var k9 = m9 - Vector512.Create(RoundMagic); var k10 = m10 - Vector512.Create(RoundMagic); var k11 = m11 - Vector512.Create(RoundMagic);
        var r0 = Reduced(t0, k0); var r1 = Reduced(t1, k1); var r2 = Reduced(t2, k2); var r3 = Reduced(t3, k3);
        var r4 = Reduced(t4, k4); var r5 = Reduced(t5, k5); var r6 = Reduced(t6, k6); var r7 = Reduced(t7, k7);
        var r8 = Reduced(t8, k8); var r9 = Reduced(t9, k9); var r10 = Reduced(t10, k10); var r11 = Reduced(t11, k11);
        var p0 = Horner(Vector512.Create(C10), r0, C9); var p1 = Horner(Vector512.Create(C10), r1, C9); var p2 = Horner(Vector512.Create(C10), r2, C9); var p3 = Horner(Vector512.Create(C10), r3, C9);
        var p4 = Horner(Vector512.Create(C10), r4, C9); var p5 = Horner(Vector512.Create(C10), r5, C9); var p6 = Horner(Vector512.Create(C10), r6, C9); var p7 = Horner(Vector512.Create(C10), r7, C9);
        var p8 = Horner(Vector512.Create(C10), r8, C9); var p9 = Horner(Vector512.Create(C10), r9, C9); var p10 = Horner(Vector512.Create(C10), r10, C9); var p11 = Horner(Vector512.Create(C10), r11, C9);
        p0 = Horner(p0, r0, C8); p1 = Horner(p1, r1, C8); p2 = Horner(p2, r2, C8); p3 = Horner(p3, r3, C8);
        p4 = Horner(p4, r4, C8); p5 = Horner(p5, r5, C8); p6 = Horner(p6, r6, C8); p7 = Horner(p7, r7, C8);
        p8 = Horner(p8, r8, C8); p9 = Horner(p9, r9, C8); p10 = Horner(p10, r10, C8); p11 = Horner(p11, r11, C8);
        p0 = Horner(p0, r0, C7); p1 = Horner(p1, r1, C7); p2 = Horner(p2, r2, C7); p3 = Horner(p3, r3, C7);
        p4 = Horner(p4, r4, C7); p5 = Horner(p5, r5, C7); p6 = Horner(p6, r6, C7); p7 = Horner(p7, r7, C7);
        p8 = Horner(p8, r8, C7); p9 = Horner(p9, r9, C7); p10 = Horner(p10, r10, C7); p11 = Horner(p11, r11, C7);
        p0 = Horner(p0, r0, C6); p1 = Horner(p1, r1, C6); p2 = Horner(p2, r2, C6); p3 = Horner(p3, r3, C6);
        p4 = Horner(p4, r4, C6); p5 = Horner(p5, r5, C6); p6 = Horner(p6, r6, C6); p7 = Horner(p7, r7, C6);
        p8 = Horner(p8, r8, C6); p9 = Horner(p9, r9, C6); p10 = Horner(p10, r10, C6); p11 = Horner(p11, r11, C6);
        p0 = Horner(p0, r0, C5); p1 = Horner(p1, r1, C5); p2 = Horner(p2, r2, C5); p3 = Horner(p3, r3, C5);
        p4 = Horner(p4, r4, C5); p5 = Horner(p5, r5, C5); p6 = Horner(p6, r6, C5); p7 = Horner(p7, r7, C5);
        p8 = Horner(p8, r8, C5); p9 = Horner(p9, r9, C5); p10 = Horner(p10, r10, C5); p11 = Horner(p11, r11, C5);
        p0 = Horner(p0, r0, C4); p1 = Horner(p1, r1, C4); p2 = Horner(p2, r2, C4); p3 = Horner(p3, r3, C4);
        p4 = Horner(p4, r4, C4); p5 = Horner(p5, r5, C4); p6 = Horner(p6, r6, C4); p7 = Horner(p7, r7, C4);
        p8 = Horner(p8, r8, C4); p9 = Horner(p9, r9, C4); p10 = Horner(p10, r10, C4); p11 = Horner(p11, r11, C4);
        p0 = Horner(p0, r0, C3); p1 = Horner(p1, r1, C3); p2 = Horner(p2, r2, C3); p3 = Horner(p3, r3, C3);
        p4 = Horner(p4, r4, C3); p5 = Horner(p5, r5, C3); p6 = Horner(p6, r6, C3); p7 = Horner(p7, r7, C3);
        p8 = Horner(p8, r8, C3); p9 = Horner(p9, r9, C3); p10 = Horner(p10, r10, C3); p11 = Horner(p11, r11, C3);
        p0 = Horner(p0, r0, C2); p1 = Horner(p1, r1, C2); p2 = Horner(p2, r2, C2); p3 = Horner(p3, r3, C2);
        p4 = Horner(p4, r4, C2); p5 = Horner(p5, r5, C2); p6 = Horner(p6, r6, C2); p7 = Horner(p7, r7, C2);
        p8 = Horner(p8, r8, C2); p9 = Horner(p9, r9, C2); p10 = Horner(p10, r10, C2); p11 = Horner(p11, r11, C2);
        p0 = Horner(p0, r0, 1.0); p1 = Horner(p1, r1, 1.0); p2 = Horner(p2, r2, 1.0); p3 = Horner(p3, r3, 1.0);
        p4 = Horner(p4, r4, 1.0); p5 = Horner(p5, r5, 1.0); p6 = Horner(p6, r6, 1.0); p7 = Horner(p7, r7, 1.0);
        p8 = Horner(p8, r8, 1.0); p9 = Horner(p9, r9, 1.0); p10 = Horner(p10, r10, 1.0); p11 = Horner(p11, r11, 1.0);
        p0 *= r0; p1 *= r1; p2 *= r2; p3 *= r3;
        p4 *= r4; p5 *= r5; p6 *= r6; p7 *= r7;
        p8 *= r8; p9 *= r9; p10 *= r10; p11 *= r11;
        x0 = Quotient(m0, p0); x1 = Quotient(m1, p1); x2 = Quotient(m2, p2); x3 = Quotient(m3, p3);
        x4 = Quotient(m4, p4); x5 = Quotient(m5, p5); x6 = Quotient(m6, p6); x7 = Quotient(m7, p7);
        x8 = Quotient(m8, p8); x9 = Quotient(m9, p9); x10 = Quotient(m10, p10); x11 = Quotient(m11, p11);
        Narrow(x0, ref source, ref destination, 0); Narrow(x1, ref source, ref destination, 1); Narrow(x2, ref source, ref destination, 2); Narrow(x3, ref source, ref destination, 3);
        Narrow(x4, ref source, ref destination, 4); Narrow(x5, ref source, ref destination, 5); Narrow(x6, ref source, ref destination, 6); Narrow(x7, ref source, ref destination, 7);
        Narrow(x8, ref source, ref destination, 8); Narrow(x9, ref source, ref destination, 9); Narrow(x10, ref source, ref destination, 10); Narrow(x11, ref source, ref destination, 11);
    }


    // The same with eight chains, for a block of 64 floats after the 96-float ones.
    private static void Tanh64(ref float source, ref float destination)
    {
        var x0 = Widen(ref source, 0); var x1 = Widen(ref source, 1); var x2 = Widen(ref source, 2); var x3 = Widen(ref source, 3);
        var x4 = Widen(ref source, 4); var x5 = Widen(ref source, 5); var x6 = Widen(ref source, 6); var x7 = Widen(ref source, 7);
        var t0 = Twice(x0); var t1 = Twice(x1); var t2 = Twice(x2); var t3 = Twice(x3);
        var t4 = Twice(x4); var t5 = Twice(x5); var t6 = Twice(x6); var t7 = Twice(x7);
        var m0 = Shifted(t0); var m1 = Shifted(t1); var m2 = Shifted(t2); var m3 = Shifted(t3);
        var m4 = Shifted(t4); var m5 = Shifted(t5); var m6 = Shifted(t6); var m7 = Shifted(t7);
        var k0 = m0 - Vector512.Create(RoundMagic); var k1 = m1 - Vector512.Create(RoundMagic); var k2 = m2 - Vector512.Create(RoundMagic); var k3 = m3 - Vector512.Create(RoundMagic);
        var k4 = m4 - Vector512.Create(RoundMagic); var k5 = m5 - Vector512.Create(RoundMagic); var k6 = m6 - Vector512.Create(RoundMagic); var k7 = m7 - Vector512.Create(RoundMagic);
        var r0 = Reduced(t0, k0); var r1 = Reduced(t1, k1); var r2 = Reduced(t2, k2); var r3 = Reduced(t3, k3);
        var r4 = Reduced(t4, k4); var r5 = Reduced(t5, k5); var r6 = Reduced(t6, k6); var r7 = Reduced(t7, k7);
        var p0 = Horner(Vector512.Create(C10), r0, C9); var p1 = Horner(Vector512.Create(C10), r1, C9); var p2 = Horner(Vector512.Create(C10), r2, C9); var p3 = Horner(Vector512.Create(C10), r3, C9);
        var p4 = Horner(Vector512.Create(C10), r4, C9); var p5 = Horner(Vector512.Create(C10), r5, C9); var p6 = Horner(Vector512.Create(C10), r6, C9); var p7 = Horner(Vector512.Create(C10), r7, C9);
        p0 = Horner(p0, r0, C8); p1 = Horner(p1, r1, C8); p2 = Horner(p2, r2, C8); p3 = Horner(p3, r3, C8);
        p4 = Horner(p4, r4, C8); p5 = Horner(p5, r5, C8); p6 = Horner(p6, r6, C8); p7 = Horner(p7, r7, C8);
        p0 = Horner(p0, r0, C7); p1 = Horner(p1, r1, C7); p2 = Horner(p2, r2, C7); p3 = Horner(p3, r3, C7);
        p4 = Horner(p4, r4, C7); p5 = Horner(p5, r5, C7); p6 = Horner(p6, r6, C7); p7 = Horner(p7, r7, C7);
        p0 = Horner(p0, r0, C6); p1 = Horner(p1, r1, C6); p2 = Horner(p2, r2, C6); p3 = Horner(p3, r3, C6);
        p4 = Horner(p4, r4, C6); p5 = Horner(p5, r5, C6); p6 = Horner(p6, r6, C6); p7 = Horner(p7, r7, C6);
        p0 = Horner(p0, r0, C5); p1 = Horner(p1, r1, C5); p2 = Horner(p2, r2, C5); p3 = Horner(p3, r3, C5);
        p4 = Horner(p4, r4, C5); p5 = Horner(p5, r5, C5); p6 = Horner(p6, r6, C5); p7 = Horner(p7, r7, C5);
        p0 = Horner(p0, r0, C4); p1 = Horner(p1, r1, C4); p2 = Horner(p2, r2, C4); p3 = Horner(p3, r3, C4);
        p4 = Horner(p4, r4, C4); p5 = Horner(p5, r5, C4); p6 = Horner(p6, r6, C4); p7 = Horner(p7, r7, C4);
        p0 = Horner(p0, r0, C3); p1 = Horner(p1, r1, C3); p2 = Horner(p2, r2, C3); p3 = Horner(p3, r3, C3);
        p4 = Horner(p4, r4, C3); p5 = Horner(p5, r5, C3); p6 = Horner(p6, r6, C3); p7 = Horner(p7, r7, C3);
        p0 = Horner(p0, r0, C2); p1 = Horner(p1, r1, C2); p2 = Horner(p2, r2, C2); p3 = Horner(p3, r3, C2);
        p4 = Horner(p4, r4, C2); p5 = Horner(p5, r5, C2); p6 = Horner(p6, r6, C2); p7 = Horner(p7, r7, C2);
        p0 = Horner(p0, r0, 1.0); p1 = Horner(p1, r1, 1.0); p2 = Horner(p2, r2, 1.0); p3 = Horner(p3, r3, 1.0);
        p4 = Horner(p4, r4, 1.0); p5 = Horner(p5, r5, 1.0); p6 = Horner(p6, r6, 1.0); p7 = Horner(p7, r7, 1.0);
        p0 *= r0; p1 *= r1; p2 *= r2; p3 *= r3;
        p4 *= r4; p5 *= r5; p6 *= r6; p7 *= r7;
        x0 = Quotient(m0, p0); x1 = Quotient(m1, p1); x2 = Quotient(m2, p2); x3 = Quotient(m3, p3);
        x4 = Quotient(m4, p4); x5 = Quotient(m5, p5); x6 = Quotient(m6, p6); x7 = Quotient(m7, p7);
        Narrow(x0, ref source, ref destination, 0); Narrow(x1, ref source, ref destination, 1); Narrow(x2, ref source, ref destination, 2); Narrow(x3, ref source, ref destination, 3);
        Narrow(x4, ref source, ref destination, 4); Narrow(x5, ref source, ref destination, 5); Narrow(x6, ref source, ref destination, 6); Narrow(x7, ref source, ref destination, 7);
    }


    // Eight floats from `source` + 8·i, widened to double (exact).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Widen(ref float source, int i) =>
        Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref source, (nuint)(8 * i)));

    // 2·min(|x|, Saturation). vminpd returns its second operand where either is NaN, so a NaN
    // passes through as the scalar "a > Saturation" test lets it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Twice(Vector512<double> x)
    {
        var a = Avx512F.Min(Vector512.Create(Saturation), Vector512.Abs(x));
        return a + a;
    }

    // m = 2a·log2(e) + 1.5·2^52, whose low bits hold round(2a·log2(e)).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Shifted(Vector512<double> t) => t * Vector512.Create(Log2E) + Vector512.Create(RoundMagic);

    // r = 2a − k·ln2 in two parts.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Reduced(Vector512<double> t, Vector512<double> k) =>
        (t - k * Vector512.Create(Ln2Hi)) - k * Vector512.Create(Ln2Lo);

    // One Horner step, p·r + c, rounded twice (no FMA).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Horner(Vector512<double> p, Vector512<double> r, double c) => p * r + Vector512.Create(c);

    // s = 2^k from m's low bits; n = s·expm1(r) + (s − 1) = e^2a − 1; tanh a = n / (n + 2).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Quotient(Vector512<double> m, Vector512<double> expm1)
    {
        var s = Vector512.ShiftLeft(m.AsInt64() - Vector512.Create(RoundMagicBits - 1023), 52).AsDouble();
        var n = s * expm1 + (s - Vector512.Create(1.0));
        return n / (n + Vector512.Create(2.0));
    }

    // Eight magnitudes rounded to float, each with its input's sign (read again from `source`:
    // a register fewer a chain), stored at `destination` + 8·i.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Narrow(Vector512<double> magnitude, ref float source, ref float destination, int i) =>
        (Avx512F.ConvertToVector256Single(magnitude) | (Vector256.LoadUnsafe(ref source, (nuint)(8 * i)) & Vector256.Create(-0f)))
            .StoreUnsafe(ref destination, (nuint)(8 * i));

    // Tanh of 16 floats, two vectors of eight doubles through the same steps as Tanh96 (the hidden
    // layer of 16 units that one episode's forward pass hands over, and what is left after the
    // 96- and 64-float passes).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tanh16Wide(ref float source, ref float destination)
    {
        var x0 = Widen(ref source, 0); var x1 = Widen(ref source, 1);
        var t0 = Twice(x0); var t1 = Twice(x1);
        var m0 = Shifted(t0); var m1 = Shifted(t1);
        var k0 = m0 - Vector512.Create(RoundMagic); var k1 = m1 - Vector512.Create(RoundMagic);
        var r0 = Reduced(t0, k0); var r1 = Reduced(t1, k1);
        var p0 = Horner(Vector512.Create(C10), r0, C9); var p1 = Horner(Vector512.Create(C10), r1, C9);
        p0 = Horner(p0, r0, C8); p1 = Horner(p1, r1, C8);
        p0 = Horner(p0, r0, C7); p1 = Horner(p1, r1, C7);
        p0 = Horner(p0, r0, C6); p1 = Horner(p1, r1, C6);
        p0 = Horner(p0, r0, C5); p1 = Horner(p1, r1, C5);
        p0 = Horner(p0, r0, C4); p1 = Horner(p1, r1, C4);
        p0 = Horner(p0, r0, C3); p1 = Horner(p1, r1, C3);
        p0 = Horner(p0, r0, C2); p1 = Horner(p1, r1, C2);
        p0 = Horner(p0, r0, 1.0); p1 = Horner(p1, r1, 1.0);
        p0 *= r0; p1 *= r1;
        x0 = Quotient(m0, p0); x1 = Quotient(m1, p1);
        Narrow(x0, ref source, ref destination, 0); Narrow(x1, ref source, ref destination, 1);
    }

    // Tanh of two 256-bit vectors of floats (Tanh8: two 128-bit ones), the statements of their four
    // double vectors interleaved: the CPUs without 512-bit vectors.
    private static void Tanh16(ref float source, ref float destination)
    {
        var v0 = Vector256.LoadUnsafe(ref source);
        var v1 = Vector256.LoadUnsafe(ref source, 8);
        var (x0, x1) = Vector256.Widen(v0);
        var (x2, x3) = Vector256.Widen(v1);
        var saturation = Vector256.Create(Saturation);
        var a0 = Vector256.Abs(x0); var a1 = Vector256.Abs(x1); var a2 = Vector256.Abs(x2); var a3 = Vector256.Abs(x3);
        a0 = Vector256.ConditionalSelect(Vector256.GreaterThan(a0, saturation), saturation, a0);
        a1 = Vector256.ConditionalSelect(Vector256.GreaterThan(a1, saturation), saturation, a1);
        a2 = Vector256.ConditionalSelect(Vector256.GreaterThan(a2, saturation), saturation, a2);
        a3 = Vector256.ConditionalSelect(Vector256.GreaterThan(a3, saturation), saturation, a3);
        var t0 = a0 + a0; var t1 = a1 + a1; var t2 = a2 + a2; var t3 = a3 + a3;
        var log2E = Vector256.Create(Log2E);
        var magic = Vector256.Create(RoundMagic);
        var m0 = t0 * log2E + magic; var m1 = t1 * log2E + magic; var m2 = t2 * log2E + magic; var m3 = t3 * log2E + magic;
        var k0 = m0 - magic; var k1 = m1 - magic; var k2 = m2 - magic; var k3 = m3 - magic;
        var ln2Hi = Vector256.Create(Ln2Hi);
        var ln2Lo = Vector256.Create(Ln2Lo);
        var r0 = (t0 - k0 * ln2Hi) - k0 * ln2Lo; var r1 = (t1 - k1 * ln2Hi) - k1 * ln2Lo;
        var r2 = (t2 - k2 * ln2Hi) - k2 * ln2Lo; var r3 = (t3 - k3 * ln2Hi) - k3 * ln2Lo;
        var c = Vector256.Create(C10);
        var p0 = c; var p1 = c; var p2 = c; var p3 = c;
        c = Vector256.Create(C9);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector256.Create(C8);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector256.Create(C7);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector256.Create(C6);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector256.Create(C5);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector256.Create(C4);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector256.Create(C3);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector256.Create(C2);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector256.Create(1.0);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p0 *= r0; p1 *= r1; p2 *= r2; p3 *= r3;
        var bias = Vector256.Create(RoundMagicBits - 1023);
        var s0 = Vector256.ShiftLeft(m0.AsInt64() - bias, 52).AsDouble();
        var s1 = Vector256.ShiftLeft(m1.AsInt64() - bias, 52).AsDouble();
        var s2 = Vector256.ShiftLeft(m2.AsInt64() - bias, 52).AsDouble();
        var s3 = Vector256.ShiftLeft(m3.AsInt64() - bias, 52).AsDouble();
        var one = Vector256.Create(1.0);
        var n0 = s0 * p0 + (s0 - one); var n1 = s1 * p1 + (s1 - one); var n2 = s2 * p2 + (s2 - one); var n3 = s3 * p3 + (s3 - one);
        var two = Vector256.Create(2.0);
        x0 = n0 / (n0 + two); x1 = n1 / (n1 + two); x2 = n2 / (n2 + two); x3 = n3 / (n3 + two);
        var sign = Vector256.Create(-0f);
        (Vector256.Narrow(x0, x1) | (v0 & sign)).StoreUnsafe(ref destination);
        (Vector256.Narrow(x2, x3) | (v1 & sign)).StoreUnsafe(ref destination, 8);
    }

    private static void Tanh8(ref float source, ref float destination)
    {
        var v0 = Vector128.LoadUnsafe(ref source);
        var v1 = Vector128.LoadUnsafe(ref source, 4);
        var (x0, x1) = Vector128.Widen(v0);
        var (x2, x3) = Vector128.Widen(v1);
        var saturation = Vector128.Create(Saturation);
        var a0 = Vector128.Abs(x0); var a1 = Vector128.Abs(x1); var a2 = Vector128.Abs(x2); var a3 = Vector128.Abs(x3);
        a0 = Vector128.ConditionalSelect(Vector128.GreaterThan(a0, saturation), saturation, a0);
        a1 = Vector128.ConditionalSelect(Vector128.GreaterThan(a1, saturation), saturation, a1);
        a2 = Vector128.ConditionalSelect(Vector128.GreaterThan(a2, saturation), saturation, a2);
        a3 = Vector128.ConditionalSelect(Vector128.GreaterThan(a3, saturation), saturation, a3);
        var t0 = a0 + a0; var t1 = a1 + a1; var t2 = a2 + a2; var t3 = a3 + a3;
        var log2E = Vector128.Create(Log2E);
        var magic = Vector128.Create(RoundMagic);
        var m0 = t0 * log2E + magic; var m1 = t1 * log2E + magic; var m2 = t2 * log2E + magic; var m3 = t3 * log2E + magic;
        var k0 = m0 - magic; var k1 = m1 - magic; var k2 = m2 - magic; var k3 = m3 - magic;
        var ln2Hi = Vector128.Create(Ln2Hi);
        var ln2Lo = Vector128.Create(Ln2Lo);
        var r0 = (t0 - k0 * ln2Hi) - k0 * ln2Lo; var r1 = (t1 - k1 * ln2Hi) - k1 * ln2Lo;
        var r2 = (t2 - k2 * ln2Hi) - k2 * ln2Lo; var r3 = (t3 - k3 * ln2Hi) - k3 * ln2Lo;
        var c = Vector128.Create(C10);
        var p0 = c; var p1 = c; var p2 = c; var p3 = c;
        c = Vector128.Create(C9);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector128.Create(C8);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector128.Create(C7);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector128.Create(C6);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector128.Create(C5);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector128.Create(C4);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector128.Create(C3);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector128.Create(C2);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        c = Vector128.Create(1.0);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p0 *= r0; p1 *= r1; p2 *= r2; p3 *= r3;
        var bias = Vector128.Create(RoundMagicBits - 1023);
        var s0 = Vector128.ShiftLeft(m0.AsInt64() - bias, 52).AsDouble();
        var s1 = Vector128.ShiftLeft(m1.AsInt64() - bias, 52).AsDouble();
        var s2 = Vector128.ShiftLeft(m2.AsInt64() - bias, 52).AsDouble();
        var s3 = Vector128.ShiftLeft(m3.AsInt64() - bias, 52).AsDouble();
        var one = Vector128.Create(1.0);
        var n0 = s0 * p0 + (s0 - one); var n1 = s1 * p1 + (s1 - one); var n2 = s2 * p2 + (s2 - one); var n3 = s3 * p3 + (s3 - one);
        var two = Vector128.Create(2.0);
        x0 = n0 / (n0 + two); x1 = n1 / (n1 + two); x2 = n2 / (n2 + two); x3 = n3 / (n3 + two);
        var sign = Vector128.Create(-0f);
        (Vector128.Narrow(x0, x1) | (v0 & sign)).StoreUnsafe(ref destination);
        (Vector128.Narrow(x2, x3) | (v1 & sign)).StoreUnsafe(ref destination, 4);
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

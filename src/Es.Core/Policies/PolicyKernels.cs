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
    /// after another) left them waiting. Eight chains (64 floats) a pass with 512-bit vectors,
    /// 16-float passes for the rest; four chains (two vectors of floats) with 256- and 128-bit
    /// vectors. Four chains measured 1.3–1.5× the values a second of one on 64 to 1,024 floats,
    /// eight another 1.35×. Every lane still does the operations of <see cref="Tanh(float)"/> in order.
    /// </remarks>
    internal static void TanhCore(ReadOnlySpan<float> source, Span<float> destination, bool use512, bool use256, bool use128)
    {
        int i = 0;
        ref float src = ref MemoryMarshal.GetReference(source);
        ref float dst = ref MemoryMarshal.GetReference(destination);
        if (use512)
        {
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

    // Tanh of 64 floats (four 512-bit vectors, eight of doubles): each lane does the operations of
    // Tanh(float) in order, the statements of the eight double vectors interleaved (eight chains
    // kept a 512-bit core 1.35× busier than four). Not inlined into TanhCore's loop on purpose:
    // inlined, its vectors went through the stack around a call the JIT kept anyway.
    private static void Tanh64(ref float source, ref float destination)
    {
        var v0 = Vector512.LoadUnsafe(ref source, 0);
        var v1 = Vector512.LoadUnsafe(ref source, 16);
        var v2 = Vector512.LoadUnsafe(ref source, 32);
        var v3 = Vector512.LoadUnsafe(ref source, 48);
        var (x0, x1) = Vector512.Widen(v0);
        var (x2, x3) = Vector512.Widen(v1);
        var (x4, x5) = Vector512.Widen(v2);
        var (x6, x7) = Vector512.Widen(v3);
        var saturation = Vector512.Create(Saturation);
        var a0 = Vector512.Abs(x0); var a1 = Vector512.Abs(x1); var a2 = Vector512.Abs(x2); var a3 = Vector512.Abs(x3);
        var a4 = Vector512.Abs(x4); var a5 = Vector512.Abs(x5); var a6 = Vector512.Abs(x6); var a7 = Vector512.Abs(x7);
        a0 = Vector512.ConditionalSelect(Vector512.GreaterThan(a0, saturation), saturation, a0);
        a1 = Vector512.ConditionalSelect(Vector512.GreaterThan(a1, saturation), saturation, a1);
        a2 = Vector512.ConditionalSelect(Vector512.GreaterThan(a2, saturation), saturation, a2);
        a3 = Vector512.ConditionalSelect(Vector512.GreaterThan(a3, saturation), saturation, a3);
        a4 = Vector512.ConditionalSelect(Vector512.GreaterThan(a4, saturation), saturation, a4);
        a5 = Vector512.ConditionalSelect(Vector512.GreaterThan(a5, saturation), saturation, a5);
        a6 = Vector512.ConditionalSelect(Vector512.GreaterThan(a6, saturation), saturation, a6);
        a7 = Vector512.ConditionalSelect(Vector512.GreaterThan(a7, saturation), saturation, a7);
        var t0 = a0 + a0; var t1 = a1 + a1; var t2 = a2 + a2; var t3 = a3 + a3; var t4 = a4 + a4; var t5 = a5 + a5; var t6 = a6 + a6; var t7 = a7 + a7;
        var log2E = Vector512.Create(Log2E);
        var magic = Vector512.Create(RoundMagic);
        var m0 = t0 * log2E + magic; var m1 = t1 * log2E + magic; var m2 = t2 * log2E + magic; var m3 = t3 * log2E + magic;
        var m4 = t4 * log2E + magic; var m5 = t5 * log2E + magic; var m6 = t6 * log2E + magic; var m7 = t7 * log2E + magic;
        var k0 = m0 - magic; var k1 = m1 - magic; var k2 = m2 - magic; var k3 = m3 - magic; var k4 = m4 - magic; var k5 = m5 - magic; var k6 = m6 - magic; var k7 = m7 - magic;
        var ln2Hi = Vector512.Create(Ln2Hi);
        var ln2Lo = Vector512.Create(Ln2Lo);
        var r0 = (t0 - k0 * ln2Hi) - k0 * ln2Lo; var r1 = (t1 - k1 * ln2Hi) - k1 * ln2Lo;
        var r2 = (t2 - k2 * ln2Hi) - k2 * ln2Lo; var r3 = (t3 - k3 * ln2Hi) - k3 * ln2Lo;
        var r4 = (t4 - k4 * ln2Hi) - k4 * ln2Lo; var r5 = (t5 - k5 * ln2Hi) - k5 * ln2Lo;
        var r6 = (t6 - k6 * ln2Hi) - k6 * ln2Lo; var r7 = (t7 - k7 * ln2Hi) - k7 * ln2Lo;
        var c = Vector512.Create(C10);
        var p0 = c; var p1 = c; var p2 = c; var p3 = c; var p4 = c; var p5 = c; var p6 = c; var p7 = c;
        c = Vector512.Create(C9);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p4 = p4 * r4 + c; p5 = p5 * r5 + c; p6 = p6 * r6 + c; p7 = p7 * r7 + c;
        c = Vector512.Create(C8);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p4 = p4 * r4 + c; p5 = p5 * r5 + c; p6 = p6 * r6 + c; p7 = p7 * r7 + c;
        c = Vector512.Create(C7);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p4 = p4 * r4 + c; p5 = p5 * r5 + c; p6 = p6 * r6 + c; p7 = p7 * r7 + c;
        c = Vector512.Create(C6);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p4 = p4 * r4 + c; p5 = p5 * r5 + c; p6 = p6 * r6 + c; p7 = p7 * r7 + c;
        c = Vector512.Create(C5);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p4 = p4 * r4 + c; p5 = p5 * r5 + c; p6 = p6 * r6 + c; p7 = p7 * r7 + c;
        c = Vector512.Create(C4);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p4 = p4 * r4 + c; p5 = p5 * r5 + c; p6 = p6 * r6 + c; p7 = p7 * r7 + c;
        c = Vector512.Create(C3);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p4 = p4 * r4 + c; p5 = p5 * r5 + c; p6 = p6 * r6 + c; p7 = p7 * r7 + c;
        c = Vector512.Create(C2);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p4 = p4 * r4 + c; p5 = p5 * r5 + c; p6 = p6 * r6 + c; p7 = p7 * r7 + c;
        c = Vector512.Create(1.0);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c; p2 = p2 * r2 + c; p3 = p3 * r3 + c;
        p4 = p4 * r4 + c; p5 = p5 * r5 + c; p6 = p6 * r6 + c; p7 = p7 * r7 + c;
        p0 *= r0; p1 *= r1; p2 *= r2; p3 *= r3; p4 *= r4; p5 *= r5; p6 *= r6; p7 *= r7;
        var bias = Vector512.Create(RoundMagicBits - 1023);
        var s0 = Vector512.ShiftLeft(m0.AsInt64() - bias, 52).AsDouble();
        var s1 = Vector512.ShiftLeft(m1.AsInt64() - bias, 52).AsDouble();
        var s2 = Vector512.ShiftLeft(m2.AsInt64() - bias, 52).AsDouble();
        var s3 = Vector512.ShiftLeft(m3.AsInt64() - bias, 52).AsDouble();
        var s4 = Vector512.ShiftLeft(m4.AsInt64() - bias, 52).AsDouble();
        var s5 = Vector512.ShiftLeft(m5.AsInt64() - bias, 52).AsDouble();
        var s6 = Vector512.ShiftLeft(m6.AsInt64() - bias, 52).AsDouble();
        var s7 = Vector512.ShiftLeft(m7.AsInt64() - bias, 52).AsDouble();
        var one = Vector512.Create(1.0);
        var n0 = s0 * p0 + (s0 - one); var n1 = s1 * p1 + (s1 - one);
        var n2 = s2 * p2 + (s2 - one); var n3 = s3 * p3 + (s3 - one);
        var n4 = s4 * p4 + (s4 - one); var n5 = s5 * p5 + (s5 - one);
        var n6 = s6 * p6 + (s6 - one); var n7 = s7 * p7 + (s7 - one);
        var two = Vector512.Create(2.0);
        x0 = n0 / (n0 + two); x1 = n1 / (n1 + two); x2 = n2 / (n2 + two); x3 = n3 / (n3 + two);
        x4 = n4 / (n4 + two); x5 = n5 / (n5 + two); x6 = n6 / (n6 + two); x7 = n7 / (n7 + two);
        var sign = Vector512.Create(-0f);
        (Vector512.Narrow(x0, x1) | (v0 & sign)).StoreUnsafe(ref destination, 0);
        (Vector512.Narrow(x2, x3) | (v1 & sign)).StoreUnsafe(ref destination, 16);
        (Vector512.Narrow(x4, x5) | (v2 & sign)).StoreUnsafe(ref destination, 32);
        (Vector512.Narrow(x6, x7) | (v3 & sign)).StoreUnsafe(ref destination, 48);
    }

    // Tanh of one 512-bit vector of floats (the hidden layer of 16 units that one episode's forward
    // pass hands over, and what is left after the 64-float passes), its two double halves interleaved.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tanh16Wide(ref float source, ref float destination)
    {
        var v0 = Vector512.LoadUnsafe(ref source);
        var (x0, x1) = Vector512.Widen(v0);
        var saturation = Vector512.Create(Saturation);
        var a0 = Vector512.Abs(x0); var a1 = Vector512.Abs(x1);
        a0 = Vector512.ConditionalSelect(Vector512.GreaterThan(a0, saturation), saturation, a0);
        a1 = Vector512.ConditionalSelect(Vector512.GreaterThan(a1, saturation), saturation, a1);
        var t0 = a0 + a0; var t1 = a1 + a1;
        var log2E = Vector512.Create(Log2E);
        var magic = Vector512.Create(RoundMagic);
        var m0 = t0 * log2E + magic; var m1 = t1 * log2E + magic;
        var k0 = m0 - magic; var k1 = m1 - magic;
        var ln2Hi = Vector512.Create(Ln2Hi);
        var ln2Lo = Vector512.Create(Ln2Lo);
        var r0 = (t0 - k0 * ln2Hi) - k0 * ln2Lo; var r1 = (t1 - k1 * ln2Hi) - k1 * ln2Lo;
        var c = Vector512.Create(C10);
        var p0 = c; var p1 = c;
        c = Vector512.Create(C9);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c;
        c = Vector512.Create(C8);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c;
        c = Vector512.Create(C7);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c;
        c = Vector512.Create(C6);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c;
        c = Vector512.Create(C5);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c;
        c = Vector512.Create(C4);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c;
        c = Vector512.Create(C3);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c;
        c = Vector512.Create(C2);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c;
        c = Vector512.Create(1.0);
        p0 = p0 * r0 + c; p1 = p1 * r1 + c;
        p0 *= r0; p1 *= r1;
        var bias = Vector512.Create(RoundMagicBits - 1023);
        var s0 = Vector512.ShiftLeft(m0.AsInt64() - bias, 52).AsDouble();
        var s1 = Vector512.ShiftLeft(m1.AsInt64() - bias, 52).AsDouble();
        var one = Vector512.Create(1.0);
        var n0 = s0 * p0 + (s0 - one); var n1 = s1 * p1 + (s1 - one);
        var two = Vector512.Create(2.0);
        x0 = n0 / (n0 + two); x1 = n1 / (n1 + two);
        (Vector512.Narrow(x0, x1) | (v0 & Vector512.Create(-0f))).StoreUnsafe(ref destination);
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

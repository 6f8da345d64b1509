// Sines and cosines of many angles at once with exactly the bits of Math.SinCos (glibc's sincos),
// four angles a vector: the environments' lanes no longer call libm one angle at a time.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Es.Core.Numerics;

/// <summary>
/// <see cref="Math.SinCos"/> of a span of angles, with the same bits, vectorized where it can be.
/// </summary>
/// <remarks>
/// <para>
/// Why: a lane of CartPole spent half its step in libm's <c>sincos</c> (~11–15 ns), whose first
/// instruction (<c>vstmxcsr</c>) also waits for every earlier floating-point operation. DESIGN
/// rule 4 keeps the environments on the functions the conformance test checks, so a faster sine
/// must give libm's bits, not merely accurate ones.
/// </para>
/// <para>
/// How: for <c>|x| &lt; 105414350</c> (every angle the environments see) this is glibc 2.36's
/// x86-64 <c>__sincos_fma</c> written with vector intrinsics, operation for operation and fused
/// multiply-add for fused multiply-add as its machine code has them: the tiny-angle path below
/// 2⁻²⁷; below 0.855469 the Taylor sine (under 0.126) or the k/128 table plus short polynomials;
/// up to 2.426265 the same on π/2 − |x| as a double-double; beyond, the same after
/// <c>reduce_sincos</c>'s x − n·π/2 and its quadrant's swap and signs. The table is read from the
/// loaded libm (<see cref="LibmSinCosTable"/>). Larger angles, NaN and infinities go to
/// <see cref="Math.SinCos"/> itself.
/// </para>
/// <para>
/// When: only where this process's libm is that code — checked once, at first use, against
/// <see cref="Math.SinCos"/> on ~53,000 angles (~20 ms once, with reading the table and compiling) covering every table entry in every path, both
/// signs, several quadrants and every branch's edges (another glibc build, a CPU without FMA
/// where glibc picks other code, another OS: any difference shows up there). Otherwise every
/// angle goes to <see cref="Math.SinCos"/>, and the result is the same either way.
/// </para>
/// </remarks>
internal static class LibmSinCos
{
    // glibc's constants (usncs.h), the bits its binary holds.
    private const double Big = 52776558133248.0;               // 1.5·2^45: big + |x| rounds |x| to k/128
    private const double TaylorBound = 0.126;                  // below: the Taylor sine
    private const long TableBoundBits = 0x3feb6000_00000000L; // 0.85546875: the table path's end
    private const long TinyBoundBits = 0x3e400000_00000000L;  // 2^-27: sin x = x, cos x = 1
    private const long MediumBoundBits = 0x400368fd_00000000L; // 2.426265: below, π/2 − |x| in double-double
    private const long ReduceBoundBits = 0x419921fb_00000000L; // 105414350: below, x − n·π/2 by reduce_sincos
    private const double ToInt = 6755399441055744.0;           // 1.5·2^52
    private const int LastEntry = LibmSinCosTable.Entries - 1;
    private static readonly double Hp0 = BitConverter.Int64BitsToDouble(0x3FF921FB54442D18);
    private static readonly double Hp1 = BitConverter.Int64BitsToDouble(0x3C91A62633145C07);
    private static readonly double HpInv = BitConverter.Int64BitsToDouble(0x3FE45F306DC9C883);
    private static readonly double Mp1 = BitConverter.Int64BitsToDouble(0x3FF921FB58000000);
    private static readonly double Mp2 = BitConverter.Int64BitsToDouble(unchecked((long)0xBE4DDE973C000000));
    private static readonly double Pp3 = BitConverter.Int64BitsToDouble(unchecked((long)0xBC8CB3B398000000));
    private static readonly double Pp4 = BitConverter.Int64BitsToDouble(unchecked((long)0xBACD747F23E32ED7));
    private static readonly double Sn3 = BitConverter.Int64BitsToDouble(unchecked((long)0xBFC5555555555515));
    private static readonly double Sn5 = BitConverter.Int64BitsToDouble(unchecked((long)0x3F811110E829872F));
    private const double Cs2 = 0.5;
    private static readonly double Cs4 = BitConverter.Int64BitsToDouble(unchecked((long)0xBFA5555555555535));
    private static readonly double Cs6 = BitConverter.Int64BitsToDouble(unchecked((long)0x3F56C16BEDD9E239));
    private static readonly double S1 = BitConverter.Int64BitsToDouble(unchecked((long)0xBFC5555555555555));
    private static readonly double S2 = BitConverter.Int64BitsToDouble(unchecked((long)0x3F81111111110ECE));
    private static readonly double S3 = BitConverter.Int64BitsToDouble(unchecked((long)0xBF2A01A019DB08B8));
    private static readonly double S4 = BitConverter.Int64BitsToDouble(unchecked((long)0x3EC71DE27B9A7ED9));
    private static readonly double S5 = BitConverter.Int64BitsToDouble(unchecked((long)0xBE5ADDFFC2FCDF59));

    private static readonly double[]? Table = CreateTable();

    /// <summary>Whether the vector path is in use (false: every angle goes to <see cref="Math.SinCos"/>).</summary>
    public static bool IsVectorized => Table is not null;

    /// <summary>Why the vector path is not in use, or <see langword="null"/> where it is.</summary>
    public static string? Unavailable { get; private set; }

    /// <summary>
    /// <c>(sin[i], cos[i]) = Math.SinCos(x[i])</c> for every <c>i</c>, bit for bit.
    /// <paramref name="x"/> must not overlap the outputs.
    /// </summary>
    /// <exception cref="ArgumentException">An output is shorter than <paramref name="x"/>.</exception>
    public static void SinCos(ReadOnlySpan<double> x, Span<double> sin, Span<double> cos)
    {
        if (sin.Length < x.Length || cos.Length < x.Length)
            throw new ArgumentException($"the outputs hold fewer than {x.Length} values.", nameof(sin));
        int i = 0;
        double[]? table = Table;
        if (table is not null)
        {
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double sr = ref MemoryMarshal.GetReference(sin);
            ref double cr = ref MemoryMarshal.GetReference(cos);
            ref double tr = ref MemoryMarshal.GetArrayDataReference(table);
            int eights = Avx512F.IsSupported ? x.Length & ~7 : 0;
            Vectors8(ref xr, ref sr, ref cr, eights, ref tr);
            i = x.Length & ~3;
            Vectors(ref Unsafe.Add(ref xr, eights), ref Unsafe.Add(ref sr, eights), ref Unsafe.Add(ref cr, eights), i - eights, ref tr);
            if (i < x.Length) Tail(x[i..], sin[i..], cos[i..], ref tr);
            return;
        }
        for (; i < x.Length; i++) (sin[i], cos[i]) = Math.SinCos(x[i]);
    }

    // One to three angles: one vector pass over them and zeros (a lockstep batch's last busy
    // lanes, one libm call each before).
    private static void Tail(ReadOnlySpan<double> x, Span<double> sin, Span<double> cos, ref double table)
    {
        Span<double> block = stackalloc double[12];
        block.Clear();
        x.CopyTo(block);
        Vectors(ref block[0], ref block[4], ref block[8], 4, ref table);
        block.Slice(4, x.Length).CopyTo(sin);
        block.Slice(8, x.Length).CopyTo(cos);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Others(ref double xs, ref double sins, ref double coss, uint lanes)
    {
        while (lanes != 0)
        {
            int lane = BitOperations.TrailingZeroCount(lanes);
            (Unsafe.Add(ref sins, lane), Unsafe.Add(ref coss, lane)) = Math.SinCos(Unsafe.Add(ref xs, lane));
            lanes &= lanes - 1;
        }
    }

    // Four angles a pass (count a multiple of 4); lanes beyond every path go to libm. Every path
    // of __sincos_fma reduces x to a double-double a + da (|a| < 0.8555) and evaluates
    // do_sin(a, da) and do_cos(a, da) on it; each lane takes its path's a, da and then its path's
    // choice and signs of the two. One method with the loop inside: too large to be inlined, and
    // fully optimized from the first call (the self-check runs it on ~53,000 angles at start-up).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vectors(ref double xs, ref double sins, ref double coss, int count, ref double table)
    {
        for (int i = 0; i < count; i += 4)
        {
            var x = Vector256.LoadUnsafe(ref xs, (nuint)i);
            var ax = Vector256.Abs(x);
            var axBits = ax.AsInt64();
            var zero = Vector256<double>.Zero;
            var signMask = Vector256.Create(-0.0);
            var outside = Vector256.GreaterThanOrEqual(axBits, Vector256.Create(ReduceBoundBits)); // NaN's bits are above too
            var tiny = Vector256.LessThan(axBits, Vector256.Create(TinyBoundBits)).AsDouble();
            var small = Vector256.LessThan(axBits, Vector256.Create(TableBoundBits)).AsDouble();
            var medium = Vector256.LessThan(axBits, Vector256.Create(MediumBoundBits)).AsDouble();

            // Below 0.855469 (all of CartPole's angles): a = x, da = 0, nothing to reduce.
            bool allSmall = small.ExtractMostSignificantBits() == 0xF;
            Vector256<double> a, da;
            Vector256<long> quadrant = default;
            if (allSmall)
            {
                a = x;
                da = zero;
            }
            else
            {
                // 0.855469 ≤ |x| < 2.426265: a + da = π/2 − |x|.
                var hp1 = Vector256.Create(Hp1);
                var y = Vector256.Create(Hp0) - ax;
                var aMedium = y + hp1;
                var daMedium = (y - aMedium) + hp1;

                // 2.426265 ≤ |x| < 105414350: reduce_sincos, a + da = x − n·π/2, quadrant n; for n = 1
                // or 2 the code negates a and da (the sine is odd, the cosine even, exactly) and fixes
                // the signs below.
                var toInt = Vector256.Create(ToInt);
                var t = Fma.MultiplyAdd(x, Vector256.Create(HpInv), toInt);
                var xn = t - toInt;
                var r = Fma.MultiplyAddNegated(xn, Vector256.Create(Mp1), x);
                r = Fma.MultiplyAddNegated(xn, Vector256.Create(Mp2), r);
                var pp3 = Vector256.Create(Pp3);
                var pp4 = Vector256.Create(Pp4);
                var t2 = Fma.MultiplyAddNegated(xn, pp3, r);
                var db = Fma.MultiplyAddNegated(xn, pp3, r - t2);
                var b = Fma.MultiplyAddNegated(xn, pp4, t2);
                db += Fma.MultiplyAddNegated(xn, pp4, t2 - b);
                quadrant = t.AsInt64() & Vector256.Create(3L);
                var flip = (Vector256.Equals(quadrant, Vector256<long>.One) | Vector256.Equals(quadrant, Vector256.Create(2L))).AsDouble() & signMask;

                a = Vector256.ConditionalSelect(small, x, Vector256.ConditionalSelect(medium, aMedium, b ^ flip));
                da = Vector256.ConditionalSelect(small, zero, Vector256.ConditionalSelect(medium, daMedium, db ^ flip));
            }

            var aa = Vector256.Abs(a);
            var big = Vector256.Create(Big);
            var u = aa + big;
            var xr = aa - (u - big);
            // Entry k at 4k: u's low bits are k. Each lane's entry is one 32-byte row [sn, ssn, cs,
            // ccs]: four row loads and a 4×4 transpose cost less than four gathers. (Lanes outside
            // every path compute on garbage, clamped into the table; their results are replaced.)
            var index = Vector256.Min((u.AsInt64() - big.AsInt64()).AsUInt64(), Vector256.Create((ulong)LastEntry)) << 2;
            var row0 = Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(0));
            var row1 = Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(1));
            var row2 = Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(2));
            var row3 = Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(3));
            var low01 = Avx.UnpackLow(row0, row1);   // sn0 sn1 cs0 cs1
            var high01 = Avx.UnpackHigh(row0, row1); // ssn0 ssn1 ccs0 ccs1
            var low23 = Avx.UnpackLow(row2, row3);
            var high23 = Avx.UnpackHigh(row2, row3);
            var sn = Avx.Permute2x128(low01, low23, 0x20);
            var cs = Avx.Permute2x128(low01, low23, 0x31);
            var ssn = Avx.Permute2x128(high01, high23, 0x20);
            var ccs = Avx.Permute2x128(high01, high23, 0x31);
            var negatedDa = da ^ signMask;

            // do_sin(a, da), table path: dx is −da where a ≤ 0.
            var dx = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(a, zero), negatedDa, da);
            var xx = xr * xr;
            var x3 = xr * xx;
            var p = Fma.MultiplyAdd(xx, Vector256.Create(Sn5), Vector256.Create(Sn3));
            var s = Fma.MultiplyAdd(x3, p, dx) + xr;
            var q = Fma.MultiplyAdd(xx, Vector256.Create(Cs6), Vector256.Create(Cs4));
            q = Fma.MultiplyAdd(q, xx, Vector256.Create(Cs2));
            var c = Fma.MultiplyAdd(dx, xr, xx * q);
            var t1 = Fma.MultiplyAdd(s, ccs, ssn);
            t1 = Fma.MultiplyAddNegated(c, sn, t1);
            t1 = Fma.MultiplyAdd(s, cs, t1) + sn;
            var sinTable = Vector256.AndNot(t1, signMask) | (a & signMask);

            // do_sin(a, da) below 0.126: TAYLOR_SIN.
            var xa = a * a;
            var poly = Fma.MultiplyAdd(xa, Vector256.Create(S5), Vector256.Create(S4));
            poly = Fma.MultiplyAdd(xa, poly, Vector256.Create(S3));
            poly = Fma.MultiplyAdd(xa, poly, Vector256.Create(S2));
            poly = Fma.MultiplyAdd(xa, poly, Vector256.Create(S1));
            var tt = Fma.MultiplySubtract(poly, a, da * Vector256.Create(0.5));
            var sinTaylor = a + Fma.MultiplyAdd(xa, tt, da);
            var sinA = Vector256.ConditionalSelect(Vector256.LessThan(aa, Vector256.Create(TaylorBound)), sinTaylor, sinTable);

            // do_cos(a, da): dx is −da where a < 0.
            var xc = Vector256.ConditionalSelect(Vector256.LessThan(a, zero), negatedDa, da) + xr;
            var xxc = xc * xc;
            var x3c = xc * xxc;
            var pc = Fma.MultiplyAdd(xxc, Vector256.Create(Sn5), Vector256.Create(Sn3));
            var qc = Fma.MultiplyAdd(xxc, Vector256.Create(Cs6), Vector256.Create(Cs4));
            var sc = Fma.MultiplyAdd(x3c, pc, xc);
            qc = Fma.MultiplyAdd(qc, xxc, Vector256.Create(Cs2));
            var t3 = Fma.MultiplyAddNegated(ssn, sc, ccs);
            t3 = Fma.MultiplyAddNegated(xxc * qc, cs, t3);
            t3 = Fma.MultiplyAddNegated(sc, sn, t3);
            var cosA = t3 + cs;

            // Each path's sine and cosine of x from do_sin(a, da) and do_cos(a, da).
            Vector256<double> sinValue = sinA, cosValue = cosA;
            if (!allSmall)
            {
                var second = cosA ^ (Vector256.Equals(quadrant & Vector256.Create(2L), Vector256.Create(2L)).AsDouble() & signMask);
                var odd = Vector256.Equals(quadrant & Vector256<long>.One, Vector256<long>.One).AsDouble();
                var sinReduce = Vector256.ConditionalSelect(odd, second, sinA);
                var cosReduce = Vector256.ConditionalSelect(odd, sinA, second);
                var sinMedium = Vector256.AndNot(cosA, signMask) | (x & signMask);
                sinValue = Vector256.ConditionalSelect(small, sinA, Vector256.ConditionalSelect(medium, sinMedium, sinReduce));
                cosValue = Vector256.ConditionalSelect(small, cosA, Vector256.ConditionalSelect(medium, sinA, cosReduce));
            }
            sinValue = Vector256.ConditionalSelect(tiny, x, sinValue);
            cosValue = Vector256.ConditionalSelect(tiny, Vector256.Create(1.0), cosValue);
            sinValue.StoreUnsafe(ref sins, (nuint)i);
            cosValue.StoreUnsafe(ref coss, (nuint)i);
            uint others = outside.ExtractMostSignificantBits();
            if (others != 0) Others(ref Unsafe.Add(ref xs, i), ref Unsafe.Add(ref sins, i), ref Unsafe.Add(ref coss, i), others);
        }
    }

    // Vectors with eight angles a pass (count a multiple of 8), where the CPU has AVX-512: the
    // same operations, fused multiply-add for fused multiply-add, on twice the lanes.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vectors8(ref double xs, ref double sins, ref double coss, int count, ref double table)
    {
        for (int i = 0; i < count; i += 8)
        {
            var x = Vector512.LoadUnsafe(ref xs, (nuint)i);
            var ax = Vector512.Abs(x);
            var axBits = ax.AsInt64();
            var zero = Vector512<double>.Zero;
            var signMask = Vector512.Create(-0.0);
            var outside = Vector512.GreaterThanOrEqual(axBits, Vector512.Create(ReduceBoundBits)); // NaN's bits are above too
            var tiny = Vector512.LessThan(axBits, Vector512.Create(TinyBoundBits)).AsDouble();
            var small = Vector512.LessThan(axBits, Vector512.Create(TableBoundBits)).AsDouble();
            var medium = Vector512.LessThan(axBits, Vector512.Create(MediumBoundBits)).AsDouble();

            // Below 0.855469 (all of CartPole's angles): a = x, da = 0, nothing to reduce.
            bool allSmall = small.ExtractMostSignificantBits() == 0xFF;
            Vector512<double> a, da;
            Vector512<long> quadrant = default;
            if (allSmall)
            {
                a = x;
                da = zero;
            }
            else
            {
                // 0.855469 ≤ |x| < 2.426265: a + da = π/2 − |x|.
                var hp1 = Vector512.Create(Hp1);
                var y = Vector512.Create(Hp0) - ax;
                var aMedium = y + hp1;
                var daMedium = (y - aMedium) + hp1;

                // 2.426265 ≤ |x| < 105414350: reduce_sincos, a + da = x − n·π/2, quadrant n; for n = 1
                // or 2 the code negates a and da (the sine is odd, the cosine even, exactly) and fixes
                // the signs below.
                var toInt = Vector512.Create(ToInt);
                var t = Avx512F.FusedMultiplyAdd(x, Vector512.Create(HpInv), toInt);
                var xn = t - toInt;
                var r = Avx512F.FusedMultiplyAddNegated(xn, Vector512.Create(Mp1), x);
                r = Avx512F.FusedMultiplyAddNegated(xn, Vector512.Create(Mp2), r);
                var pp3 = Vector512.Create(Pp3);
                var pp4 = Vector512.Create(Pp4);
                var t2 = Avx512F.FusedMultiplyAddNegated(xn, pp3, r);
                var db = Avx512F.FusedMultiplyAddNegated(xn, pp3, r - t2);
                var b = Avx512F.FusedMultiplyAddNegated(xn, pp4, t2);
                db += Avx512F.FusedMultiplyAddNegated(xn, pp4, t2 - b);
                quadrant = t.AsInt64() & Vector512.Create(3L);
                var flip = (Vector512.Equals(quadrant, Vector512<long>.One) | Vector512.Equals(quadrant, Vector512.Create(2L))).AsDouble() & signMask;

                a = Vector512.ConditionalSelect(small, x, Vector512.ConditionalSelect(medium, aMedium, b ^ flip));
                da = Vector512.ConditionalSelect(small, zero, Vector512.ConditionalSelect(medium, daMedium, db ^ flip));
            }

            var aa = Vector512.Abs(a);
            var big = Vector512.Create(Big);
            var u = aa + big;
            var xr = aa - (u - big);
            // Entry k at 4k, as in Vectors: eight 32-byte rows, lanes j and j + 4 in one 512-bit
            // vector, then the same unpacks and one two-source permute per coefficient.
            var index = Vector512.Min((u.AsInt64() - big.AsInt64()).AsUInt64(), Vector512.Create((ulong)LastEntry)) << 2;
            var z0 = Vector512.Create(Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(0)), Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(4)));
            var z1 = Vector512.Create(Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(1)), Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(5)));
            var z2 = Vector512.Create(Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(2)), Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(6)));
            var z3 = Vector512.Create(Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(3)), Vector256.LoadUnsafe(ref table, (nuint)index.GetElement(7)));
            var low01 = Avx512F.UnpackLow(z0, z1);   // sn0 sn1 cs0 cs1 sn4 sn5 cs4 cs5
            var high01 = Avx512F.UnpackHigh(z0, z1); // ssn0 ssn1 ccs0 ccs1 ssn4 ssn5 ccs4 ccs5
            var low23 = Avx512F.UnpackLow(z2, z3);
            var high23 = Avx512F.UnpackHigh(z2, z3);
            var evenPairs = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
            var oddPairs = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
            var sn = Avx512F.PermuteVar8x64x2(low01, evenPairs, low23);
            var cs = Avx512F.PermuteVar8x64x2(low01, oddPairs, low23);
            var ssn = Avx512F.PermuteVar8x64x2(high01, evenPairs, high23);
            var ccs = Avx512F.PermuteVar8x64x2(high01, oddPairs, high23);
            var negatedDa = da ^ signMask;

            // do_sin(a, da), table path: dx is −da where a ≤ 0.
            var dx = Vector512.ConditionalSelect(Vector512.LessThanOrEqual(a, zero), negatedDa, da);
            var xx = xr * xr;
            var x3 = xr * xx;
            var p = Avx512F.FusedMultiplyAdd(xx, Vector512.Create(Sn5), Vector512.Create(Sn3));
            var s = Avx512F.FusedMultiplyAdd(x3, p, dx) + xr;
            var q = Avx512F.FusedMultiplyAdd(xx, Vector512.Create(Cs6), Vector512.Create(Cs4));
            q = Avx512F.FusedMultiplyAdd(q, xx, Vector512.Create(Cs2));
            var c = Avx512F.FusedMultiplyAdd(dx, xr, xx * q);
            var t1 = Avx512F.FusedMultiplyAdd(s, ccs, ssn);
            t1 = Avx512F.FusedMultiplyAddNegated(c, sn, t1);
            t1 = Avx512F.FusedMultiplyAdd(s, cs, t1) + sn;
            var sinTable = Vector512.AndNot(t1, signMask) | (a & signMask);

            // do_sin(a, da) below 0.126: TAYLOR_SIN.
            var xa = a * a;
            var poly = Avx512F.FusedMultiplyAdd(xa, Vector512.Create(S5), Vector512.Create(S4));
            poly = Avx512F.FusedMultiplyAdd(xa, poly, Vector512.Create(S3));
            poly = Avx512F.FusedMultiplyAdd(xa, poly, Vector512.Create(S2));
            poly = Avx512F.FusedMultiplyAdd(xa, poly, Vector512.Create(S1));
            var tt = Avx512F.FusedMultiplySubtract(poly, a, da * Vector512.Create(0.5));
            var sinTaylor = a + Avx512F.FusedMultiplyAdd(xa, tt, da);
            var sinA = Vector512.ConditionalSelect(Vector512.LessThan(aa, Vector512.Create(TaylorBound)), sinTaylor, sinTable);

            // do_cos(a, da): dx is −da where a < 0.
            var xc = Vector512.ConditionalSelect(Vector512.LessThan(a, zero), negatedDa, da) + xr;
            var xxc = xc * xc;
            var x3c = xc * xxc;
            var pc = Avx512F.FusedMultiplyAdd(xxc, Vector512.Create(Sn5), Vector512.Create(Sn3));
            var qc = Avx512F.FusedMultiplyAdd(xxc, Vector512.Create(Cs6), Vector512.Create(Cs4));
            var sc = Avx512F.FusedMultiplyAdd(x3c, pc, xc);
            qc = Avx512F.FusedMultiplyAdd(qc, xxc, Vector512.Create(Cs2));
            var t3 = Avx512F.FusedMultiplyAddNegated(ssn, sc, ccs);
            t3 = Avx512F.FusedMultiplyAddNegated(xxc * qc, cs, t3);
            t3 = Avx512F.FusedMultiplyAddNegated(sc, sn, t3);
            var cosA = t3 + cs;

            // Each path's sine and cosine of x from do_sin(a, da) and do_cos(a, da).
            Vector512<double> sinValue = sinA, cosValue = cosA;
            if (!allSmall)
            {
                var second = cosA ^ (Vector512.Equals(quadrant & Vector512.Create(2L), Vector512.Create(2L)).AsDouble() & signMask);
                var odd = Vector512.Equals(quadrant & Vector512<long>.One, Vector512<long>.One).AsDouble();
                var sinReduce = Vector512.ConditionalSelect(odd, second, sinA);
                var cosReduce = Vector512.ConditionalSelect(odd, sinA, second);
                var sinMedium = Vector512.AndNot(cosA, signMask) | (x & signMask);
                sinValue = Vector512.ConditionalSelect(small, sinA, Vector512.ConditionalSelect(medium, sinMedium, sinReduce));
                cosValue = Vector512.ConditionalSelect(small, cosA, Vector512.ConditionalSelect(medium, sinA, cosReduce));
            }
            sinValue = Vector512.ConditionalSelect(tiny, x, sinValue);
            cosValue = Vector512.ConditionalSelect(tiny, Vector512.Create(1.0), cosValue);
            sinValue.StoreUnsafe(ref sins, (nuint)i);
            cosValue.StoreUnsafe(ref coss, (nuint)i);
            uint others = (uint)outside.ExtractMostSignificantBits();
            if (others != 0) Others(ref Unsafe.Add(ref xs, i), ref Unsafe.Add(ref sins, i), ref Unsafe.Add(ref coss, i), others);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // its check loops run once, ~53,000 times
    private static double[]? CreateTable()
    {
        if (!Fma.IsSupported || !Avx2.IsSupported)
        {
            Unavailable = "the CPU (or the runtime's settings) has no FMA and AVX2";
            return null;
        }
        double[]? found = LibmSinCosTable.TryLoad();
        if (found is null)
        {
            Unavailable = "glibc's sin/cos table was not found in a loaded libm.so";
            return null;
        }
        double[] table = GC.AllocateArray<double>(found.Length, pinned: true);
        found.CopyTo(table, 0);
        double[] angles = CheckAngles();
        var sin = new double[angles.Length];
        var cos = new double[angles.Length];
        ref double tr = ref MemoryMarshal.GetArrayDataReference(table);
        // Both widths (the eight-lane one where the CPU has it) against libm on every angle.
        for (int width = 4; width <= 8; width += 4)
        {
            if (width == 4) Vectors(ref angles[0], ref sin[0], ref cos[0], angles.Length, ref tr);
            else if (Avx512F.IsSupported) Vectors8(ref angles[0], ref sin[0], ref cos[0], angles.Length, ref tr);
            else break;
            for (int i = 0; i < angles.Length; i++)
            {
                (double s, double c) = Math.SinCos(angles[i]);
                if (BitConverter.DoubleToInt64Bits(s) != BitConverter.DoubleToInt64Bits(sin[i]) || BitConverter.DoubleToInt64Bits(c) != BitConverter.DoubleToInt64Bits(cos[i]))
                {
                    Unavailable = $"this libm's sincos({angles[i]:R}) differs from glibc 2.36's FMA code ({width} lanes a vector)";
                    return null;
                }
            }
        }
        return table;
    }

    // The self-check's angles, a multiple of 8, both signs of each: in every table entry's
    // interval 100 spread angles and its edges; π/2 − a for reduced arguments a in every entry (the
    // medium path); m·π/2 + a for quadrants m up to 12 and three far ones (the reduction); every
    // path's edges (2^-27, 0.126, 0.85546875, 2.426265, 105414350) with their neighbours; zeros.
    internal static double[] CheckAngles()
    {
        var angles = new List<double> { 0.0, -0.0 };
        void Add(double a)
        {
            angles.Add(a);
            angles.Add(-a);
        }
        for (int k = 0; k <= LastEntry; k++)
        {
            double low = (k - 0.5) / 128, high = (k + 0.5) / 128;
            for (int j = 0; j <= 100; j++) Add(low + (high - low) * (j + 0.37) / 101.37);
            foreach (double edge in new[] { low, high })
            {
                for (long d = -2; d <= 2; d++) Add(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(Math.Abs(edge)) + d));
            }
            for (int j = 0; j < 8; j++)
            {
                double a = low + (high - low) * (j + 0.29) / 8.29;
                Add(Math.PI / 2 - a);
                foreach (double m in new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 1001, 65537, 6.7e7 })
                    Add(m * (Math.PI / 2) + a);
            }
        }
        foreach (long edge in new[] { TinyBoundBits, BitConverter.DoubleToInt64Bits(TaylorBound), TableBoundBits, MediumBoundBits, ReduceBoundBits })
        {
            for (long d = -3; d <= 3; d++) Add(BitConverter.Int64BitsToDouble(edge + d));
        }
        while (angles.Count % 8 != 0) angles.Add(1.0);
        return [.. angles];
    }
}

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
/// Why: a lane of CartPole spent half its step in libm's <c>sincos</c> (~15 ns), whose first
/// instruction (<c>vstmxcsr</c>) also waits for every earlier floating-point operation. DESIGN
/// rule 4 keeps the environments on the functions the conformance test checks, so a faster sine
/// must give libm's bits, not merely accurate ones.
/// </para>
/// <para>
/// How: for <c>|x| &lt; 0.855469</c> (CartPole's θ always; Pendulum's and Acrobot's often) this
/// is glibc 2.36's x86-64 <c>__sincos_fma</c> written with vector intrinsics, operation for
/// operation and fused multiply-add for fused multiply-add as its machine code has them (the
/// Taylor sine below 0.126, otherwise the k/128 table plus short polynomials, the tiny-angle path
/// below 2⁻²⁷), reading the table from the loaded libm (<see cref="LibmSinCosTable"/>). Any other
/// angle (larger, NaN, infinite) goes to <see cref="Math.SinCos"/> itself.
/// </para>
/// <para>
/// When: only where this process's libm is that code — checked once, at first use, by comparing
/// against <see cref="Math.SinCos"/> on 28,000 angles covering every table entry, both signs and
/// every branch's edges (another glibc build, a CPU without FMA where glibc picks other code,
/// another OS: any difference shows up there). Otherwise every angle goes to
/// <see cref="Math.SinCos"/>, and the result is the same either way.
/// </para>
/// </remarks>
internal static class LibmSinCos
{
    // glibc's constants (usncs.h), the bits its binary holds.
    private const double Big = 52776558133248.0;               // 1.5·2^45: big + |x| rounds |x| to k/128
    private const double TaylorBound = 0.126;                  // below: the Taylor sine
    private const long TableBoundBits = 0x3feb6000_00000000L; // 0.85546875: the table path's end
    private const long TinyBoundBits = 0x3e400000_00000000L;  // 2^-27: sin x = x, cos x = 1
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
            i = x.Length & ~3;
            Vectors(ref xr, ref sr, ref cr, i, ref tr);
            if (i < x.Length) Tail(x[i..], sin[i..], cos[i..], ref tr);
            return;
        }
        for (; i < x.Length; i++) (sin[i], cos[i]) = Math.SinCos(x[i]);
    }

    // Four angles a pass (count a multiple of 4): the table path and the Taylor sine for all
    // four, blended per lane; lanes beyond the table path go to libm.
    private static void Vectors(ref double xs, ref double sins, ref double coss, int count, ref double table)
    {
        for (int i = 0; i < count; i += 4)
        {
            uint others = SinCos4(ref Unsafe.Add(ref xs, i), ref Unsafe.Add(ref sins, i), ref Unsafe.Add(ref coss, i), ref table);
            if (others != 0) Others(ref Unsafe.Add(ref xs, i), ref Unsafe.Add(ref sins, i), ref Unsafe.Add(ref coss, i), others);
        }
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

    // One pass; returns the lanes (bit k for lane k) whose angles are beyond the table path.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SinCos4(ref double xs, ref double sins, ref double coss, ref double table)
    {
        var x = Vector256.LoadUnsafe(ref xs);
        var ax = Vector256.Abs(x);
        var axBits = ax.AsInt64();
        var outside = Vector256.GreaterThanOrEqual(axBits, Vector256.Create(TableBoundBits)); // NaN's bits are above too
        var tiny = Vector256.LessThan(axBits, Vector256.Create(TinyBoundBits));
        var zero = Vector256<double>.Zero;
        var negativeZero = Vector256.Create(-0.0);
        var big = Vector256.Create(Big);
        var u = ax + big;
        var xr = ax - (u - big);
        // Entry k at 4k: u's low bits are k (outside lanes read entry 0; their results are replaced).
        var index = Vector256.ConditionalSelect(outside.AsInt64(), Vector256<long>.Zero, (u.AsInt64() - big.AsInt64()) << 2);
        // Each lane's entry is one 32-byte row [sn, ssn, cs, ccs]: four row loads and a 4×4
        // transpose cost less than four gathers.
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

        // Sine, table path (do_sin with dx = 0: dx is −0 where x ≤ 0).
        var dx = Vector256.ConditionalSelect(Vector256.GreaterThan(x, zero), zero, negativeZero);
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
        var signMask = negativeZero;
        var sinTable = Vector256.AndNot(t1, signMask) | (x & signMask);

        // Sine below 0.126 (TAYLOR_SIN with da = 0), on x itself.
        var xx0 = x * x;
        var poly = Fma.MultiplyAdd(xx0, Vector256.Create(S5), Vector256.Create(S4));
        poly = Fma.MultiplyAdd(xx0, poly, Vector256.Create(S3));
        poly = Fma.MultiplyAdd(xx0, poly, Vector256.Create(S2));
        poly = Fma.MultiplyAdd(xx0, poly, Vector256.Create(S1));
        var tt = Fma.MultiplyAdd(x, poly, negativeZero);
        var sinTaylor = x + Fma.MultiplyAdd(xx0, tt, zero);
        var sinValue = Vector256.ConditionalSelect(Vector256.LessThan(ax, Vector256.Create(TaylorBound)), sinTaylor, sinTable);

        // Cosine, table path (do_cos with dx = 0: dx is −0 where x < 0).
        var dxc = Vector256.ConditionalSelect(Vector256.LessThan(x, zero), negativeZero, zero);
        var xc = dxc + xr;
        var xxc = xc * xc;
        var x3c = xc * xxc;
        var pc = Fma.MultiplyAdd(xxc, Vector256.Create(Sn5), Vector256.Create(Sn3));
        var qc = Fma.MultiplyAdd(xxc, Vector256.Create(Cs6), Vector256.Create(Cs4));
        var sc = Fma.MultiplyAdd(x3c, pc, xc);
        qc = Fma.MultiplyAdd(qc, xxc, Vector256.Create(Cs2));
        var t2 = Fma.MultiplyAddNegated(ssn, sc, ccs);
        t2 = Fma.MultiplyAddNegated(xxc * qc, cs, t2);
        t2 = Fma.MultiplyAddNegated(sc, sn, t2);
        var cosValue = t2 + cs;

        sinValue = Vector256.ConditionalSelect(tiny.AsDouble(), x, sinValue);
        cosValue = Vector256.ConditionalSelect(tiny.AsDouble(), Vector256.Create(1.0), cosValue);
        sinValue.StoreUnsafe(ref sins);
        cosValue.StoreUnsafe(ref coss);
        return outside.ExtractMostSignificantBits();
    }

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
        Vectors(ref angles[0], ref sin[0], ref cos[0], angles.Length, ref tr);
        for (int i = 0; i < angles.Length; i++)
        {
            (double s, double c) = Math.SinCos(angles[i]);
            if (BitConverter.DoubleToInt64Bits(s) != BitConverter.DoubleToInt64Bits(sin[i]) || BitConverter.DoubleToInt64Bits(c) != BitConverter.DoubleToInt64Bits(cos[i]))
            {
                Unavailable = $"this libm's sincos({angles[i]:R}) differs from glibc 2.36's FMA code";
                return null;
            }
        }
        return table;
    }

    // The self-check's angles, a multiple of 4: in every table entry's interval 100 spread
    // angles and its edges, both signs; the branch edges (2^-27, 0.126, 0.85546875) with their
    // neighbours; zeros.
    internal static double[] CheckAngles()
    {
        var angles = new List<double> { 0.0, -0.0 };
        for (int k = 0; k < LibmSinCosTable.Entries; k++)
        {
            double low = (k - 0.5) / 128, high = (k + 0.5) / 128;
            for (int j = 0; j <= 100; j++)
            {
                double a = low + (high - low) * (j + 0.37) / 101.37;
                angles.Add(a);
                angles.Add(-a);
            }
            foreach (double edge in new[] { low, high })
            {
                for (long d = -2; d <= 2; d++)
                {
                    double a = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(Math.Abs(edge)) + d);
                    angles.Add(a);
                    angles.Add(-a);
                }
            }
        }
        foreach (long edge in new[] { TinyBoundBits, BitConverter.DoubleToInt64Bits(TaylorBound), TableBoundBits })
        {
            for (long d = -3; d <= 3; d++)
            {
                double a = BitConverter.Int64BitsToDouble(edge + d);
                angles.Add(a);
                angles.Add(-a);
            }
        }
        while (angles.Count % 4 != 0) angles.Add(1.0);
        return [.. angles];
    }
}

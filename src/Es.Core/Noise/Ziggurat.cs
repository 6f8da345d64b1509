// Exact standard-normal sampler (256-layer Ziggurat) whose tables and rare-path arithmetic use
// DeterministicMath only, so the values it produces are the same bits on every machine.
using System.Runtime.CompilerServices;
using Es.Core.Random;

namespace Es.Core.Noise;

/// <summary>
/// Marsaglia and Tsang's Ziggurat method ("The Ziggurat Method for Generating Random
/// Variables", J. Stat. Softw. 5(8), 2000) with 256 layers and 52-bit uniforms, the variant
/// NumPy uses. About 99% of draws cost one 64-bit random word, one multiply and one compare.
/// </summary>
/// <remarks>
/// The layer tables are computed at start-up with <see cref="DeterministicMath"/> and
/// <see cref="Math.Sqrt(double)"/> (correctly rounded by IEEE-754), and the wedge and tail tests
/// use <see cref="DeterministicMath"/> too: a libm <c>exp</c> that differed in the last bit could
/// flip an accept/reject decision and desynchronize a whole chunk of the noise table.
/// </remarks>
internal static class Ziggurat
{
    /// <summary>Right edge of the base layer (x of the widest rectangle).</summary>
    private const double R = 3.6541528853610088;

    /// <summary>Area of each layer (rectangles and base strip alike).</summary>
    private const double V = 4.92867323399e-3;

    private const double TwoPow52 = 4503599627370496.0;

    // Layer i accepts at once when its 52-bit uniform is below K[i]; X[i] scales that uniform to
    // an abscissa; F[i] = exp(−X_i²/2) bounds the wedge. Layer 0 is the base strip with the tail.
    private static readonly ulong[] K = new ulong[256];
    private static readonly double[] W = new double[256];
    private static readonly double[] F = new double[256];

#pragma warning disable CA1810 // The tables are filled by a recursion; a static constructor keeps it in one place.
    static Ziggurat()
#pragma warning restore CA1810
    {
        double dn = R, tn = R;
        double q = V / DeterministicMath.Exp(-0.5 * dn * dn);
        K[0] = (ulong)(dn / q * TwoPow52);
        K[1] = 0;
        W[0] = q / TwoPow52;
        W[255] = dn / TwoPow52;
        F[0] = 1.0;
        F[255] = DeterministicMath.Exp(-0.5 * dn * dn);
        for (int i = 254; i >= 1; i--)
        {
            dn = Math.Sqrt(-2.0 * DeterministicMath.Log(V / dn + DeterministicMath.Exp(-0.5 * dn * dn)));
            K[i + 1] = (ulong)(dn / tn * TwoPow52);
            tn = dn;
            F[i] = DeterministicMath.Exp(-0.5 * dn * dn);
            W[i] = dn / TwoPow52;
        }
    }

    /// <summary>Fills <paramref name="destination"/> with standard-normal deviates drawn from <paramref name="rng"/>.</summary>
    /// <remarks>
    /// Optimized at first call: a table is generated once per process, so tiered compilation
    /// would otherwise run most of it in unoptimized code.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(ref Rng rng, Span<float> destination)
    {
        // Work on a copy so the JIT keeps the generator state in registers; the rare path gets
        // its own copy for the same reason (taking the address of `local` would pin it to memory).
        Rng local = rng;
        ulong[] k = K;
        double[] w = W;
        for (int i = 0; i < destination.Length; i++)
        {
            // One word: bits 0–7 pick the layer, bit 8 the sign, bits 12–63 the uniform.
            ulong bits = local.NextUInt64();
            int layer = (int)(bits & 0xFF);
            ulong u = bits >> 12;
            double x = (long)u * w[layer]; // u < 2^52: the signed conversion is exact and one instruction
            if (u >= k[layer])
            {
                Rng slow = local;
                x = Slow(ref slow, layer, x);
                local = slow;
            }
            // Sign applied to the float's sign bit: branch-free (a 50/50 branch costs more than
            // the rest of the fast path) and identical to negating, since rounding is symmetric.
            destination[i] = BitConverter.UInt32BitsToSingle(BitConverter.SingleToUInt32Bits((float)x) ^ (((uint)bits & 0x100u) << 23));
        }
        rng = local;
    }

    /// <summary>One standard-normal deviate, by the same method as <see cref="Fill"/>; one random word per draw almost always, far cheaper than the polar method's logarithm.</summary>
    public static double Next(ref Rng rng)
    {
        ulong bits = rng.NextUInt64();
        int layer = (int)(bits & 0xFF);
        ulong u = bits >> 12;
        double x = (long)u * W[layer];
        if (u >= K[layer]) x = Slow(ref rng, layer, x);
        return (bits & 0x100) != 0 ? -x : x;
    }

    // The rare paths: the tail beyond R (layer 0) and the wedges. On rejection a fresh word is
    // drawn, exactly as in the fast path, so the output is a pure function of the stream.
    private static double Slow(ref Rng rng, int layer, double x)
    {
        while (true)
        {
            if (layer == 0)
            {
                // Marsaglia's tail method: x = R + e1/R with e1, e2 exponential, accept if 2 e2 > e1²/R².
                while (true)
                {
                    double xx = -DeterministicMath.Log(1.0 - rng.NextDouble()) / R;
                    double yy = -DeterministicMath.Log(1.0 - rng.NextDouble());
                    if (yy + yy > xx * xx) return R + xx;
                }
            }
            if ((F[layer - 1] - F[layer]) * rng.NextDouble() + F[layer] < DeterministicMath.Exp(-0.5 * x * x))
                return x;

            ulong bits = rng.NextUInt64();
            layer = (int)(bits & 0xFF);
            ulong u = bits >> 12;
            x = (long)u * W[layer];
            if (u < K[layer]) return x;
        }
    }
}

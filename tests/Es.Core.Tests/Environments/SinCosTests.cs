// Pins that Math.SinCos gives the bits of Math.Sin and Math.Cos, which the environments rely on.
namespace Es.Core.Tests.Environments;

using System.Globalization;

/// <summary>
/// Pendulum, CartPole, Acrobot and the arm call <see cref="Math.SinCos"/> where they need the sine
/// and cosine of one angle, because it is faster than two calls (glibc's sincos) and, on the
/// runtimes and libms measured, gives exactly the bits of <see cref="Math.Sin"/> and
/// <see cref="Math.Cos"/>, the functions the classic-control conformance test checks against
/// Gymnasium. A runtime or libm where the two differ anywhere here must fail loudly, not drift.
/// </summary>
public sealed class SinCosTests
{
    [Fact]
    public void SinCos_OnSpecialValues_GivesTheBitsOfSinAndCos() =>
        AssertSameBits(
        [
            0.0, -0.0, double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001),
            BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_1234)), double.PositiveInfinity, double.NegativeInfinity,
            double.Epsilon, -double.Epsilon, BitConverter.Int64BitsToDouble(0x000F_FFFF_FFFF_FFFF), 2.2250738585072014E-308,
            -2.2250738585072014E-308, 1e-300, 1e-17, 1.4901161193847656E-08, double.MaxValue, double.MinValue,
            1e300, -1e300, 1e22, -1e22, 9.007199254740992E15, 1e15, 5e5, 1e3, -1e3, 8.0, 80.0,
        ]);

    [Fact]
    public void SinCos_AtMultiplesOfHalfPiAndTheirNeighbours_GivesTheBitsOfSinAndCos()
    {
        var inputs = new List<double>();
        // Where the argument reduction is hardest: k·π/2 and the doubles a few ulps either side,
        // for small k (the angles the environments see) and up to 1e300.
        for (int k = -700; k <= 700; k++) AddNeighbours(inputs, k * (Math.PI / 2), 8);
        for (int e = 3; e <= 300; e++) AddNeighbours(inputs, Math.Round(Math.Pow(10, e) / (Math.PI / 2)) * (Math.PI / 2), 2);
        // Doubles famously close to multiples of π/2 (Kahan, Muller: hard cases for reduction).
        AddNeighbours(inputs, 6381956970095103.0 * Math.Pow(2, 797), 2);
        AddNeighbours(inputs, 5261692873635770.0 * Math.Pow(2, 499), 2);
        AddNeighbours(inputs, 355.0, 2);
        AddNeighbours(inputs, 103993.0, 2);
        AssertSameBits(inputs);
    }

    [Fact]
    public void SinCos_OnRandomAnglesOfTheEnvironmentsRanges_GivesTheBitsOfSinAndCos()
    {
        var random = new System.Random(20261203);
        var inputs = new List<double>();
        for (int i = 0; i < 100_000; i++) inputs.Add((random.NextDouble() * 2 - 1) * Math.PI);
        for (int i = 0; i < 100_000; i++) inputs.Add((random.NextDouble() * 2 - 1) * 1e3);
        // Random bit patterns: every exponent from subnormal to 2^10, then up to the largest.
        for (int i = 0; i < 100_000; i++) inputs.Add(RandomBits(random, -1022, 10));
        for (int i = 0; i < 20_000; i++) inputs.Add(RandomBits(random, 10, 1023));
        for (int i = 0; i < 20_000; i++) inputs.Add(BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)));
        AssertSameBits(inputs);
    }

    private static void AddNeighbours(List<double> inputs, double x, int ulps)
    {
        long bits = BitConverter.DoubleToInt64Bits(x);
        for (int d = -ulps; d <= ulps; d++) inputs.Add(BitConverter.Int64BitsToDouble(bits + d));
    }

    private static double RandomBits(System.Random random, int minExponent, int maxExponent)
    {
        long mantissa = random.NextInt64(0, 1L << 52);
        long exponent = random.Next(minExponent + 1023, maxExponent + 1023 + 1);
        long sign = random.Next(2);
        return BitConverter.Int64BitsToDouble((sign << 63) | (exponent << 52) | mantissa);
    }

    private static void AssertSameBits(IEnumerable<double> inputs)
    {
        var mismatches = new List<string>();
        int count = 0;
        foreach (double x in inputs)
        {
            count++;
            (double sin, double cos) = Math.SinCos(x);
            double sinAlone = Math.Sin(x), cosAlone = Math.Cos(x);
            if (Bits(sin) != Bits(sinAlone) || Bits(cos) != Bits(cosAlone))
                mismatches.Add(string.Create(CultureInfo.InvariantCulture,
                    $"x = {x:R} (0x{Bits(x):X16}): SinCos = (0x{Bits(sin):X16}, 0x{Bits(cos):X16}), Sin, Cos = (0x{Bits(sinAlone):X16}, 0x{Bits(cosAlone):X16})"));
        }

        Assert.True(mismatches.Count == 0,
            $"Math.SinCos differs from Math.Sin/Math.Cos on {mismatches.Count} of {count} inputs, so the environments that call it "
            + $"(Pendulum, CartPole, Acrobot, the arm) no longer give the bits of Gymnasium's sin and cos; go back to Math.Sin and Math.Cos there. "
            + $"First ones: {string.Join("; ", mismatches.Take(5))}");
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
}

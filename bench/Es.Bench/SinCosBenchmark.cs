// Whether Math.SinCos gives Math.Sin's and Math.Cos's bits on this machine's runtime and libm, and how much faster it is.
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Es.Bench;

/// <summary>
/// The environments call <see cref="Math.SinCos"/> where they need one angle's sine and cosine;
/// that is only allowed while it gives exactly the bits of <see cref="Math.Sin"/> and
/// <see cref="Math.Cos"/> (DESIGN rule 4). This checks that on many millions of inputs (angles of
/// the environments' ranges, random bit patterns from subnormal to huge, k·π/2 and its neighbours,
/// special values) and times both ways side by side. Run it again under
/// <c>GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA</c> to check glibc's variants without FMA.
/// </summary>
internal static class SinCosBenchmark
{
    private static double _sink;

    public static void Run(bool quick)
    {
        long n = quick ? 200_000 : 100_000_000;
        var random = new System.Random(20261203);
        long tested = 0, differing = 0;
        void Check(double x)
        {
            tested++;
            (double sin, double cos) = Math.SinCos(x);
            double sinAlone = Math.Sin(x), cosAlone = Math.Cos(x);
            if (BitConverter.DoubleToInt64Bits(sin) == BitConverter.DoubleToInt64Bits(sinAlone)
                && BitConverter.DoubleToInt64Bits(cos) == BitConverter.DoubleToInt64Bits(cosAlone))
                return;
            if (differing++ < 10)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  DIFFERENT at x = {x:R} (0x{BitConverter.DoubleToInt64Bits(x):X16}): SinCos ({sin:R}, {cos:R}), Sin and Cos ({sinAlone:R}, {cosAlone:R})"));
        }

        double[] specials = [0.0, -0.0, double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
            double.MaxValue, double.MinValue, 2.2250738585072014E-308, 1e300, 1e22, -1e22, 1e15, Math.PI, Math.PI / 2, Math.PI / 4];
        foreach (double x in specials) Check(x);
        for (int i = 0; i < 1000; i++) Check(BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001L + random.NextInt64(0, (1L << 52) - 2)));
        for (long i = 0; i < n / 20; i++) Check(BitConverter.Int64BitsToDouble(random.NextInt64(1, 1L << 52)) * (random.Next(2) == 0 ? 1 : -1));
        // k·π/2 and 64 doubles either side: every k up to 20,000, then every 97th up to 2,000,000; then 10^e·π/2 up to 1e300.
        for (long k = -2_000_000; k <= 2_000_000; k++)
        {
            if (Math.Abs(k) > 20_000 && k % 97 != 0) continue;
            if (quick && Math.Abs(k) > 200) continue;
            long bits = BitConverter.DoubleToInt64Bits(k * (Math.PI / 2));
            for (int d = -64; d <= 64; d++) Check(BitConverter.Int64BitsToDouble(bits + d));
        }
        for (int i = 0; i < (quick ? 2_000 : 200_000); i++)
        {
            long bits = BitConverter.DoubleToInt64Bits(Math.Round(Math.Pow(10, random.NextDouble() * 300)) * (Math.PI / 2));
            for (int d = -4; d <= 4; d++) Check(BitConverter.Int64BitsToDouble(bits + d));
        }
        for (long i = 0; i < n; i++) Check((random.NextDouble() * 2 - 1) * Math.PI);
        for (long i = 0; i < n; i++) Check((random.NextDouble() * 2 - 1) * 20);
        for (long i = 0; i < n; i++) Check((random.NextDouble() * 2 - 1) * 1000);
        for (long i = 0; i < n; i++) Check(RandomBits(random, -1022, 10));
        for (long i = 0; i < n; i++) Check(RandomBits(random, -30, 10));
        for (long i = 0; i < n; i++) Check(RandomBits(random, 10, 1023));
        for (long i = 0; i < n; i++) Check(BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue)));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sincos: Math.SinCos against Math.Sin and Math.Cos on {tested:N0} inputs: {(differing == 0 ? "the same bits everywhere" : $"{differing:N0} DIFFERENT")}"));

        // Side by side, interleaved rounds, best of each: a loop of 4,096 angles whose sine and cosine feed arithmetic.
        foreach (double range in new[] { 0.2, Math.PI, 20.0 })
        {
            var xs = new double[4096];
            for (int i = 0; i < xs.Length; i++) xs[i] = (random.NextDouble() * 2 - 1) * range;
            int passes = quick ? 20 : 500;
            double separate = double.MaxValue, together = double.MaxValue;
            for (int round = 0; round < 5; round++)
            {
                separate = Math.Min(separate, Measure.Best(1, () => { for (int p = 0; p < passes; p++) _sink += Separate(xs); }));
                together = Math.Min(together, Measure.Best(1, () => { for (int p = 0; p < passes; p++) _sink += Together(xs); }));
            }
            double calls = (double)passes * xs.Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  |x| < {range,-7:G4}: Math.Sin + Math.Cos {separate * 1e9 / calls,6:F2} ns, Math.SinCos {together * 1e9 / calls,6:F2} ns = {separate / together:F2} x"));
        }
    }

    private static double RandomBits(System.Random random, int minExponent, int maxExponent)
    {
        long mantissa = random.NextInt64(0, 1L << 52);
        long exponent = random.Next(minExponent + 1023, maxExponent + 1023 + 1);
        long sign = random.Next(2);
        return BitConverter.Int64BitsToDouble((sign << 63) | (exponent << 52) | mantissa);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Separate(double[] xs)
    {
        double sum = 0;
        foreach (double x in xs)
        {
            double cos = Math.Cos(x), sin = Math.Sin(x);
            sum += (9.8 * sin - 0.5 * cos) / (4.0 / 3.0 - 0.1 * (cos * cos));
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Together(double[] xs)
    {
        double sum = 0;
        foreach (double x in xs)
        {
            (double sin, double cos) = Math.SinCos(x);
            sum += (9.8 * sin - 0.5 * cos) / (4.0 / 3.0 - 0.1 * (cos * cos));
        }
        return sum;
    }
}

// Pins Angles.Remainder to C#'s % (libm's fmod) bit for bit: random angles of the environments'
// ranges, values next to every multiple of 2π up to ±10⁴ turns, signed zeros, subnormals, huge
// quotients, infinities and NaN.
using Es.Core.Environments;

namespace Es.Core.Tests.Environments;

public sealed class AnglesTests
{
    private const double TwoPi = 2 * Math.PI;

    [Fact]
    public void Remainder_GivesTheBitsOfPercent_OnRandomAngles()
    {
        var random = new System.Random(20261203);
        for (int i = 0; i < 2_000_000; i++)
        {
            double scale = Math.Pow(10, random.Next(-3, 6));
            double a = (random.NextDouble() * 2 - 1) * scale;
            AssertSame(a, TwoPi);
            AssertSame(a + Math.PI, TwoPi);
            AssertSame(a, random.NextDouble() * 10 + 1e-3);
            AssertSame(a, -(random.NextDouble() * 10 + 1e-3));
        }
    }

    [Fact]
    public void Remainder_GivesTheBitsOfPercent_NextToEveryMultipleOfTheDivisor()
    {
        for (int n = -10_000; n <= 10_000; n++)
        {
            double m = n * TwoPi;
            double a = m, below = m, above = m;
            for (int step = 0; step < 4; step++)
            {
                AssertSame(a, TwoPi);
                AssertSame(below, TwoPi);
                AssertSame(above, TwoPi);
                below = Math.BitDecrement(below);
                above = Math.BitIncrement(above);
            }
        }
    }

    [Fact]
    public void Remainder_GivesTheBitsOfPercent_AtTheEdges()
    {
        double[] values = [0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, Math.PI, -Math.PI, TwoPi, -TwoPi, 1e17, -1e300,
            double.MaxValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN];
        double[] divisors = [TwoPi, -TwoPi, 1.0, 3.0, double.Epsilon, 1e-300, 1e300, 0.0, -0.0, double.PositiveInfinity, double.NaN];
        foreach (double a in values)
            foreach (double b in divisors)
                AssertSame(a, b);
    }

    [Fact]
    public void Normalize_IsPythonsFloorModuloOfXPlusPi_MinusPi()
    {
        var random = new System.Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            double x = (random.NextDouble() * 2 - 1) * 100;
            double r = (x + Math.PI) % TwoPi;
            if (r != 0 && r < 0) r += TwoPi;
            Assert.Equal(BitConverter.DoubleToInt64Bits(r - Math.PI), BitConverter.DoubleToInt64Bits(Angles.Normalize(x)));
        }
    }

    [Fact]
    public void TryNormalize_GivesEachLaneTheBitsOfNormalize()
    {
        var random = new System.Random(11);
        var values = new List<double> { 0.0, -0.0, Math.PI, -Math.PI, TwoPi, -TwoPi, 1e-310, -1e-310, 1e6, -1e6 };
        for (int n = -2_000; n <= 2_000; n++)
        {
            double m = n * TwoPi - Math.PI;
            values.AddRange([m, Math.BitDecrement(m), Math.BitIncrement(m), Math.BitDecrement(Math.BitDecrement(m))]);
        }
        for (int i = 0; i < 200_000; i++) values.Add((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-3, 5)));
        for (int i = 0; i + 4 <= values.Count; i += 4)
        {
            var x = System.Runtime.Intrinsics.Vector256.Create(values[i], values[i + 1], values[i + 2], values[i + 3]);
            Assert.True(Angles.TryNormalize(x, out var normalized));
            for (int lane = 0; lane < 4; lane++)
                Assert.True(BitConverter.DoubleToInt64Bits(Angles.Normalize(values[i + lane])) == BitConverter.DoubleToInt64Bits(normalized[lane]),
                    $"Normalize({values[i + lane]:R}) = {Angles.Normalize(values[i + lane]):R}, lane {lane} gives {normalized[lane]:R}");
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e300)]
    public void TryNormalize_LeavesAngles_ThatNeedPercentsRules(double special)
    {
        var x = System.Runtime.Intrinsics.Vector256.Create(1.0, special, 2.0, 3.0);
        Assert.False(Angles.TryNormalize(x, out _));
    }

    private static void AssertSame(double a, double b)
    {
        double expected = a % b, actual = Angles.Remainder(a, b);
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"fmod({a:R}, {b:R}) = {expected:R}, Remainder gives {actual:R}");
    }
}

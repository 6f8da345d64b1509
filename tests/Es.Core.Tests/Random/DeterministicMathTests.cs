// Pins the libm-free logarithm and exponential against the platform's within a few ulps.
using Es.Core.Random;

namespace Es.Core.Tests.Random;

public class DeterministicMathTests
{
    [Fact]
    public void Log_AgreesWithMathLog_WithinFourUlps()
    {
        var random = new System.Random(20230828);
        for (int i = 0; i < 100_000; i++)
        {
            double x = Math.Exp(random.NextDouble() * 80 - 40);
            double expected = Math.Log(x);
            double got = DeterministicMath.Log(x);
            double ulp = Math.Max(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected), double.Epsilon);
            Assert.True(Math.Abs(got - expected) <= 4 * ulp || Math.Abs(got - expected) < 1e-300, $"log({x:R}) = {got:R}, expected {expected:R}");
        }
        Assert.Equal(0.0, DeterministicMath.Log(1.0));
        Assert.Equal(Math.Log(double.Epsilon), DeterministicMath.Log(double.Epsilon), 10);
    }

    [Fact]
    public void Exp_AgreesWithMathExp_WithinFourUlps()
    {
        var random = new System.Random(20230828);
        for (int i = 0; i < 100_000; i++)
        {
            double x = random.NextDouble() * 100 - 50;
            double expected = Math.Exp(x);
            double got = DeterministicMath.Exp(x);
            double ulp = Math.BitIncrement(expected) - expected;
            Assert.True(Math.Abs(got - expected) <= 4 * ulp, $"exp({x:R}) = {got:R}, expected {expected:R}");
        }
        Assert.Equal(1.0, DeterministicMath.Exp(0.0));
        Assert.Equal(0.0, DeterministicMath.Exp(-1000));
        Assert.Equal(double.PositiveInfinity, DeterministicMath.Exp(1000));
    }

    [Fact]
    public void Log_RefusesNonPositiveArguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.Log(0.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.Log(-1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DeterministicMath.Log(double.NaN));
    }
}

// Values of the test functions at known points and at their minima.
namespace Es.Core.Tests.Objectives;

using Es.Core.Objectives;

/// <summary>Each function computes its textbook formula and reaches its stated minimum at its stated minimizer.</summary>
public sealed class ObjectiveTests
{
    [Fact]
    public void Sphere_Evaluate_IsTheSumOfSquares()
    {
        var f = new SphereObjective(3);
        Assert.Equal(14.0, f.Evaluate([1f, -2f, 3f]));
        Assert.Equal(0.0, f.Evaluate([0f, 0f, 0f]));
    }

    [Fact]
    public void Rosenbrock_Evaluate_MatchesKnownValues()
    {
        var f = new RosenbrockObjective(2);
        Assert.Equal(0.0, f.Evaluate([1f, 1f]));
        Assert.Equal(1.0, f.Evaluate([0f, 0f]));
        Assert.Equal(404.0, f.Evaluate([-1f, -1f])); // 100·(−1 − 1)² + (1 + 1)²
        var g = new RosenbrockObjective(3);
        Assert.Equal(101.0, g.Evaluate([0f, 1f, 1f])); // pair (0,1): 100·1 + 1; pair (1,1): 0
    }

    [Fact]
    public void Rastrigin_Evaluate_IsZeroAtOriginAndCountsIntegerOffsets()
    {
        var f = new RastriginObjective(2);
        Assert.Equal(0.0, f.Evaluate([0f, 0f]));
        Assert.Equal(1.0, f.Evaluate([1f, 0f]), 12); // cos(2π) = 1: only x² remains
        Assert.Equal(20.0 + 2 * (0.25 + 10.0), f.Evaluate([0.5f, -0.5f]), 12); // A·n + 2·(x² − A·cos π)
    }

    [Fact]
    public void Quadratic_Default_HasItsMinimumAtTheDefaultOptimum()
    {
        var f = new QuadraticObjective();
        Assert.Equal(3, f.Dimension);
        Assert.Equal([0.5, 0.1, -0.3], f.KnownMinimizer!);
        // float(0.1) is not 0.1, so the value at the float optimum is tiny but not zero.
        Assert.True(f.Evaluate([0.5f, 0.1f, -0.3f]) < 1e-14);
        Assert.Equal(0.25 + 0.01 + 0.09, f.Evaluate([0f, 0f, 0f]), 15);
    }

    [Fact]
    public void Quadratic_SettingTheOptimum_MovesTheMinimum()
    {
        var f = new QuadraticObjective { Optimum = [1.0, 2.0, 3.0] };
        Assert.Equal(0.0, f.Evaluate([1f, 2f, 3f]));
        Assert.Equal(3.0, f.Evaluate([0f, 1f, 2f]));
        Assert.Throws<ArgumentException>(() => f.Optimum = [1.0]);
    }

    [Fact]
    public void AllObjectives_AtTheirKnownMinimizer_GiveTheMinimumValue()
    {
        foreach (string id in ObjectiveRegistry.Ids)
        {
            IObjective f = ObjectiveRegistry.Create(id, id == "quadratic" ? 0 : 7, id == "quadratic" ? [0.25, -0.5, 1.0] : null);
            double[] xStar = f.KnownMinimizer ?? throw new InvalidOperationException($"{id} has no minimizer");
            float[] x = xStar.Select(v => (float)v).ToArray();
            Assert.True(f.Evaluate(x) == f.MinimumValue, $"{id}: f(x*) = {f.Evaluate(x)}, minimum {f.MinimumValue}");
            // Any nearby point is worse.
            x[0] += 0.01f;
            Assert.True(f.Evaluate(x) > f.MinimumValue, $"{id}: moving off x* did not increase the value");
        }
    }

    [Fact]
    public void Evaluate_WrongLength_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SphereObjective(3).Evaluate([1f, 2f]));
        Assert.Throws<ArgumentException>(() => new QuadraticObjective().Evaluate([1f]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RosenbrockObjective(1));
    }

    [Fact]
    public void Evaluate_SameInput_GivesTheSameBits()
    {
        var f = new RastriginObjective(10);
        float[] x = Enumerable.Range(0, 10).Select(i => (float)(0.37 * i - 1.1)).ToArray();
        Assert.Equal(BitConverter.DoubleToInt64Bits(f.Evaluate(x)), BitConverter.DoubleToInt64Bits(new RastriginObjective(10).Evaluate(x)));
    }
}

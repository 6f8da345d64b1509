// Pins the fitness-shaping transforms: centered ranks, z-score and raw.
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class FitnessShapingTests
{
    [Fact]
    public void CenteredRanks_MapsLowestToMinusHalfAndHighestToPlusHalf()
    {
        double[] fitness = [3.0, -10.0, 7.5, 0.0];
        var shaped = new double[4];
        FitnessShaping.Apply(FitnessShapingKind.CenteredRanks, fitness, shaped);
        double[] expected = [2.0 / 3 - 0.5, -0.5, 0.5, 1.0 / 3 - 0.5];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], shaped[i], 12);
    }

    [Fact]
    public void CenteredRanks_AreInvariantToMonotoneTransforms()
    {
        var random = new System.Random(20230828);
        double[] fitness = Enumerable.Range(0, 101).Select(_ => random.NextDouble() * 200 - 100).ToArray();
        double[] transformed = fitness.Select(f => Math.Exp(f / 10) * 1000 + 3).ToArray();
        var a = new double[101];
        var b = new double[101];
        FitnessShaping.Apply(FitnessShapingKind.CenteredRanks, fitness, a);
        FitnessShaping.Apply(FitnessShapingKind.CenteredRanks, transformed, b);
        Assert.Equal(a, b);
        Assert.Equal(0.0, a.Sum(), 12);
    }

    [Fact]
    public void CenteredRanks_BreakTiesByIndex_SoResultsReproduce()
    {
        double[] fitness = [1.0, 1.0, 1.0];
        var shaped = new double[3];
        FitnessShaping.Apply(FitnessShapingKind.CenteredRanks, fitness, shaped);
        Assert.Equal(new[] { -0.5, 0.0, 0.5 }, shaped);
    }

    [Fact]
    public void ZScore_HasZeroMeanAndUnitStd_AndZerosForConstantInput()
    {
        double[] fitness = [1.0, 2.0, 3.0, 4.0];
        var shaped = new double[4];
        FitnessShaping.Apply(FitnessShapingKind.ZScore, fitness, shaped);
        Assert.Equal(0.0, shaped.Average(), 12);
        Assert.Equal(1.0, Math.Sqrt(shaped.Select(x => x * x).Average()), 12);
        FitnessShaping.Apply(FitnessShapingKind.ZScore, [5.0, 5.0, 5.0, 5.0], shaped);
        Assert.All(shaped, x => Assert.Equal(0.0, x));
    }

    [Fact]
    public void Raw_CopiesFitness()
    {
        double[] fitness = [1.5, -2.0];
        var shaped = new double[2];
        FitnessShaping.Apply(FitnessShapingKind.Raw, fitness, shaped);
        Assert.Equal(fitness, shaped);
    }

    [Fact]
    public void Apply_ThrowsForNaN_AndForMismatchedLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => FitnessShaping.Apply(FitnessShapingKind.CenteredRanks, [1.0, double.NaN], new double[2]));
        Assert.Contains("fitness[1] is NaN", e.Message);
        Assert.Throws<ArgumentException>(() => FitnessShaping.Apply(FitnessShapingKind.Raw, [1.0], new double[2]));
    }

    [Fact]
    public void NonFinitePolicy_ReplacesNaNAndInfinitiesWithTheWorstFiniteFitness()
    {
        double[] fitness = [3.0, double.NaN, -1.0, double.PositiveInfinity, double.NegativeInfinity];
        int replaced = NonFiniteFitnessPolicy.Sanitize(fitness);
        Assert.Equal(3, replaced);
        Assert.Equal(new[] { 3.0, -1.0, -1.0, -1.0, -1.0 }, fitness);
        double[] allBad = [double.NaN, double.NaN];
        Assert.Equal(2, NonFiniteFitnessPolicy.Sanitize(allBad));
        Assert.Equal(new[] { 0.0, 0.0 }, allBad);
    }
}

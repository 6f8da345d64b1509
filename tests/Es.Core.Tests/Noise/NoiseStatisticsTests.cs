// Distribution checks on a large noise table: moments, bins and the tails the Ziggurat handles separately.
using Es.Core.Noise;
using MathNet.Numerics.Distributions;

namespace Es.Core.Tests.Noise;

public sealed class NoiseStatisticsTests
{
    private const int Count = 1 << 24; // 16M: the standard error of the mean is 2.4e-4
    private static readonly Lazy<float[]> Values = new(() => NoiseTable.Create(20230828, Count).AsSpan().ToArray());

    [Fact]
    public void Moments_MatchStandardNormal()
    {
        float[] values = Values.Value;
        double s1 = 0, s2 = 0, s3 = 0, s4 = 0;
        foreach (float v in values)
        {
            double x = v, x2 = x * x;
            s1 += x;
            s2 += x2;
            s3 += x2 * x;
            s4 += x2 * x2;
        }
        double mean = s1 / Count;
        double variance = s2 / Count - mean * mean;
        double skewness = s3 / Count / Math.Pow(variance, 1.5);
        double kurtosis = s4 / Count / (variance * variance);

        Assert.InRange(mean, -1e-3, 1e-3);
        Assert.InRange(variance, 1 - 2e-3, 1 + 2e-3);
        Assert.InRange(skewness, -5e-3, 5e-3);  // standard error √(6/n) ≈ 6e-4
        Assert.InRange(kurtosis, 3 - 1e-2, 3 + 1e-2); // standard error √(24/n) ≈ 1.2e-3
    }

    [Fact]
    public void LagOneCorrelation_IsNegligible()
    {
        float[] values = Values.Value;
        double sum = 0;
        for (int i = 1; i < values.Length; i++) sum += (double)values[i] * values[i - 1];

        Assert.InRange(sum / (Count - 1), -1.5e-3, 1.5e-3); // standard error ≈ 2.4e-4
    }

    [Fact]
    public void EquiprobableBins_PassChiSquare()
    {
        const int bins = 200;
        double[] edges = Enumerable.Range(1, bins - 1).Select(i => Normal.InvCDF(0, 1, (double)i / bins)).ToArray();
        var counts = new long[bins];
        foreach (float v in Values.Value)
        {
            int b = Array.BinarySearch(edges, (double)v);
            counts[b < 0 ? ~b : b]++;
        }
        double expected = (double)Count / bins;
        double chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);

        double pValue = 1 - ChiSquared.CDF(bins - 1, chiSquare);
        Assert.True(pValue > 1e-4, $"χ² = {chiSquare:F1}, p = {pValue:E2}");
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(3.0)]
    [InlineData(3.6541528853610088)] // the Ziggurat's base-strip edge: beyond it values come from the tail method
    [InlineData(4.0)]
    [InlineData(4.5)]
    public void TailFraction_MatchesNormal(double threshold)
    {
        long beyond = Values.Value.LongCount(v => Math.Abs(v) > threshold);

        // P(|x| > 3) ≈ 0.0027. Binomial count: allow five standard deviations.
        double p = 2 * Normal.CDF(0, 1, -threshold);
        double expected = Count * p;
        double sd = Math.Sqrt(Count * p * (1 - p));
        Assert.InRange(beyond, expected - 5 * sd, expected + 5 * sd);
    }

    [Fact]
    public void PositiveAndNegativeTails_AreSymmetric()
    {
        long above = Values.Value.LongCount(v => v > 3f);
        long below = Values.Value.LongCount(v => v < -3f);

        double sd = Math.Sqrt(above + below);
        Assert.InRange(above - below, -5 * sd, 5 * sd);
    }

    [Fact]
    public void Values_AreFinite_AndReachBeyondTheBaseStrip()
    {
        float[] values = Values.Value;

        Assert.DoesNotContain(values, v => !float.IsFinite(v));
        Assert.True(values.Max() > 4.5f);
        Assert.True(values.Min() < -4.5f);
    }
}

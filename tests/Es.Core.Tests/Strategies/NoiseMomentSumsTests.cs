// Pins the PEPG/SNES kernel: blocked, vectorized and parallel, it still gives the plain loop's bits.
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class NoiseMomentSumsTests
{
    [Theory]
    [InlineData(1, 3)]
    [InlineData(13, 5)]          // not a multiple of the vector width
    [InlineData(2_049, 7)]       // one element past a block
    [InlineData(70_001, 9)]      // the parallel path
    public void Sums_AreBitIdenticalToThePlainLoop(int dimension, int slices)
    {
        var random = new System.Random(20230828);
        var noise = StrategyHarness.Noise;
        int[] indices = Enumerable.Range(0, slices).Select(_ => random.Next(noise.Size - dimension)).ToArray();
        double[] a = Enumerable.Range(0, slices).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] b = Enumerable.Range(0, slices).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        a[0] = 0; // a zero weight may be skipped: it must not change anything

        var mean = new double[dimension];
        var squares = new double[dimension];
        NoiseMomentSums.Compute(noise.AsSpan(), indices, a, b, mean, squares, dimension);

        var expectedMean = new double[dimension];
        var expectedSquares = new double[dimension];
        for (int k = 0; k < slices; k++)
        {
            ReadOnlySpan<float> eps = noise.Slice(indices[k], dimension);
            for (int i = 0; i < dimension; i++)
            {
                double e = eps[i];
                expectedMean[i] += a[k] * e;
                expectedSquares[i] += b[k] * (e * e - 1.0);
            }
        }
        Assert.Equal(expectedMean, mean);
        Assert.Equal(expectedSquares, squares);

        var onlySquares = new double[dimension];
        NoiseMomentSums.Compute(noise.AsSpan(), indices, a, b, null, onlySquares, dimension);
        Assert.Equal(expectedSquares, onlySquares);
    }

    [Fact]
    public void ASliceRunningPastTheTable_IsRefused()
    {
        var noise = StrategyHarness.Noise;
        var e = Assert.Throws<ArgumentException>(() => NoiseMomentSums.Compute(noise.AsSpan(), [noise.Size - 2], [1.0], [1.0], new double[4], null, 4));
        Assert.Contains("runs past", e.Message);
    }
}

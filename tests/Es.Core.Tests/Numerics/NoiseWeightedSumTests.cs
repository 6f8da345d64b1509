// Pins the update kernel: it equals a plain double-checked loop and does not depend on threading.
using Es.Core.Numerics;

namespace Es.Core.Tests.Numerics;

public class NoiseWeightedSumTests
{
    private static float[] RandomTable(int size)
    {
        var random = new System.Random(20230828);
        return Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Fact]
    public void Compute_EqualsTheSequentialScalarSum_BitForBit()
    {
        float[] noise = RandomTable(50_000);
        int[] indices = [0, 17, 4093, 20_000, 31];
        float[] weights = [0.5f, -1.25f, 0.003f, 2f, 0f];
        const int n = 9_999;
        var expected = new float[n];
        for (int k = 0; k < n; k++)
        {
            float acc = 0f;
            for (int j = 0; j < indices.Length; j++)
            {
                if (weights[j] == 0f) continue;
                float product = noise[indices[j] + k] * weights[j];
                acc += product;
            }
            expected[k] = acc;
        }
        var got = new float[n];
        NoiseWeightedSum.Compute(noise, indices, weights, got, parallel: false);
        Assert.Equal(expected, got);
    }

    [Fact]
    public void Compute_GivesTheSameBits_InParallelAndSequentially()
    {
        float[] noise = RandomTable(400_000);
        var random = new System.Random(20230828);
        int[] indices = Enumerable.Range(0, 64).Select(_ => random.Next(0, 400_000 - 200_000)).ToArray();
        float[] weights = Enumerable.Range(0, 64).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var sequential = new float[200_000];
        var parallel = new float[200_000];
        NoiseWeightedSum.Compute(noise, indices, weights, sequential, parallel: false);
        NoiseWeightedSum.Compute(noise, indices, weights, parallel, parallel: true);
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Compute_ThrowsForSlicesPastTheTable_AndMismatchedLengths()
    {
        float[] noise = RandomTable(100);
        var e = Assert.Throws<ArgumentException>(() => NoiseWeightedSum.Compute(noise, [95], [1f], new float[10]));
        Assert.Contains("runs past the noise table", e.Message);
        Assert.Throws<ArgumentException>(() => NoiseWeightedSum.Compute(noise, [0, 1], [1f], new float[10]));
        Assert.Throws<ArgumentException>(() => NoiseWeightedSum.Compute(noise, [-1], [1f], new float[10]));
    }
}

// The observation normalizer: the starter's mean/std convention, clipping, identity mode and exact restore.
using Es.Core.Normalization;

namespace Es.Core.Tests.Normalization;

public sealed class ObservationNormalizerTests
{
    private static (ObservationStats Delta, float[][] Observations) Sample(int count)
    {
        var random = new System.Random(20230828);
        var observations = new float[count][];
        var delta = new ObservationStats(3);
        for (int n = 0; n < count; n++)
        {
            // Components on very different scales, one of them constant.
            observations[n] = [(float)(100 + 20 * (random.NextDouble() - 0.5)), (float)(random.NextDouble() * 1e-3), 7f];
            delta.Add(observations[n]);
        }
        return (delta, observations);
    }

    [Fact]
    public void FreshNormalizer_HasMeanZeroAndStdOne()
    {
        var normalizer = new ObservationNormalizer(3);
        var result = new float[3];

        normalizer.Normalize([0.5f, -2f, 4.9f], result);

        Assert.Equal([0f, 0f, 0f], normalizer.Mean);
        Assert.Equal([1f, 1f, 1f], normalizer.Std);
        Assert.Equal([0.5f, -2f, 4.9f], result);
        Assert.True(normalizer.Enabled);
    }

    [Fact]
    public void MeanAndStd_MatchATwoPassComputation()
    {
        var (delta, observations) = Sample(5000);
        var normalizer = new ObservationNormalizer(3);

        normalizer.Update(delta);

        for (int i = 0; i < 3; i++)
        {
            // Two-pass over the data plus the ε prior pseudo-sample (value 0, second moment ε).
            double eps = ObservationNormalizer.InitialCount, count = observations.Length + eps;
            double mean = observations.Sum(o => (double)o[i]) / count;
            double centred = observations.Sum(o => (o[i] - mean) * (o[i] - mean)) + eps * (1 + mean * mean);
            double std = Math.Sqrt(Math.Max(centred / count, ObservationNormalizer.MinVariance));

            Assert.Equal(mean, normalizer.Mean[i], Math.Abs(mean) * 1e-6 + 1e-9);
            Assert.Equal(std, normalizer.Std[i], std * 1e-4);
        }
        Assert.Equal((float)Math.Sqrt(ObservationNormalizer.MinVariance), normalizer.Std[2]); // the constant component hits the floor
    }

    [Fact]
    public void Normalize_StandardizesAndClips()
    {
        var normalizer = new ObservationNormalizer(3, clip: 5f);
        normalizer.Update(Sample(5000).Delta);
        float[] mean = normalizer.Mean, std = normalizer.Std;
        var result = new float[3];

        normalizer.Normalize([mean[0] + std[0], 1e6f, -1e6f], result);

        Assert.Equal(1f, result[0], 1e-6f);
        Assert.Equal(5f, result[1]);
        Assert.Equal(-5f, result[2]);
    }

    [Fact]
    public void Normalize_UsesFloatArithmeticOnTheCachedMeanAndStd_AndWorksInPlace()
    {
        var normalizer = new ObservationNormalizer(3, clip: 1000f);
        normalizer.Update(Sample(100).Delta);
        float[] observation = [101.5f, 0.0007f, 7.25f];
        float[] mean = normalizer.Mean, std = normalizer.Std;
        float[] expected = observation.Select((x, i) => Math.Clamp((x - mean[i]) / std[i], -1000f, 1000f)).ToArray();

        normalizer.Normalize(observation, observation);

        Assert.Equal(expected, observation);
    }

    [Fact]
    public void RestoringFromStoredArrays_GivesIdenticalNormalization()
    {
        var original = new ObservationNormalizer(3, clip: 3f);
        original.Update(Sample(777).Delta);
        var stored = original.Stats;

        var restored = ObservationNormalizer.FromStats(new ObservationStats(stored.Sum.ToArray(), stored.SumSq.ToArray(), stored.Count), original.Clip);

        Assert.Equal(original.Mean, restored.Mean);
        Assert.Equal(original.Std, restored.Std);
        var random = new System.Random(20230828);
        var a = new float[3];
        var b = new float[3];
        for (int n = 0; n < 100; n++)
        {
            float[] observation = [(float)(random.NextDouble() * 300 - 100), (float)random.NextDouble(), (float)(random.NextDouble() * 14)];
            original.Normalize(observation, a);
            restored.Normalize(observation, b);
            Assert.Equal(a.Select(BitConverter.SingleToUInt32Bits), b.Select(BitConverter.SingleToUInt32Bits));
        }
    }

    [Fact]
    public void Stats_ReturnsACopyIncludingThePrior()
    {
        var normalizer = new ObservationNormalizer(2);
        var stats = normalizer.Stats;
        stats.Add([100f, 100f]);

        Assert.Equal(ObservationNormalizer.InitialCount, normalizer.Stats.Count);
        Assert.Equal([0.0, 0.0], normalizer.Stats.Sum);
    }

    [Fact]
    public void UpdatesInSequence_EqualOneMergedUpdate()
    {
        var (_, observations) = Sample(400);
        var stepwise = new ObservationNormalizer(3);
        var all = new ObservationStats(3);
        foreach (var group in observations.Chunk(50))
        {
            var delta = new ObservationStats(3);
            foreach (float[] observation in group)
            {
                delta.Add(observation);
                all.Add(observation);
            }
            stepwise.Update(delta);
        }
        var once = new ObservationNormalizer(3);
        once.Update(all);

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(once.Mean[i], stepwise.Mean[i], Math.Abs(once.Mean[i]) * 1e-6f);
            Assert.Equal(once.Std[i], stepwise.Std[i], once.Std[i] * 1e-5f);
        }
    }

    [Fact]
    public void Identity_PassesObservationsThrough_AndIgnoresUpdates()
    {
        var identity = ObservationNormalizer.Identity(3);
        identity.Update(Sample(100).Delta);
        var result = new float[3];

        identity.Normalize([1e6f, -3f, 0.25f], result);

        Assert.False(identity.Enabled);
        Assert.Equal([1e6f, -3f, 0.25f], result);
        Assert.Equal(0.0, identity.Stats.Count);
    }

    [Fact]
    public void WrongSizesAndBadArguments_AreRejected()
    {
        var normalizer = new ObservationNormalizer(3);

        Assert.Equal("observation", Assert.Throws<ArgumentException>(() => normalizer.Normalize(new float[2], new float[3])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => normalizer.Normalize(new float[3], new float[2])).ParamName);
        Assert.Equal("delta", Assert.Throws<ArgumentException>(() => normalizer.Update(new ObservationStats(4))).ParamName);
        Assert.Equal("clip", Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationNormalizer(3, clip: 0f)).ParamName);
        Assert.Equal("stats", Assert.Throws<ArgumentOutOfRangeException>(() => ObservationNormalizer.FromStats(new ObservationStats(3))).ParamName);
    }

    [Theory]
    [InlineData(true, 19, 19)]
    [InlineData(true, 19, 11)]
    [InlineData(false, 8, 5)]
    public void NormalizeLanes_GivesEachObservationTheBitsOfNormalize(bool enabled, int stride, int lanes)
    {
        // NaN, ±∞, ±0, subnormals, values far beyond the clip, and ordinary ones.
        float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon, 1e30f, -1e30f, 0.1f, -7.5f];
        var random = new System.Random(20230828);
        ObservationNormalizer normalizer = enabled
            ? ObservationNormalizer.FromStats(new ObservationStats([0.5, -3, 0, 1e-3], [9, 40, 1e-6, 2], 3), clip: 4f)
            : ObservationNormalizer.Identity(4);
        float[][] observations = Enumerable.Range(0, lanes)
            .Select(k => Enumerable.Range(0, 4).Select(c => (k + c) % 3 == 0 ? special[(k * 4 + c) % special.Length] : (float)(random.NextDouble() * 40 - 20)).ToArray())
            .ToArray();
        var soa = new float[4 * stride];
        for (int k = 0; k < lanes; k++)
            for (int c = 0; c < 4; c++) soa[c * stride + k] = observations[k][c];
        var destination = new float[4 * stride];
        normalizer.NormalizeLanes(soa, destination, stride, lanes);
        for (int k = 0; k < lanes; k++)
        {
            var expected = new float[4];
            normalizer.Normalize(observations[k], expected);
            for (int c = 0; c < 4; c++)
                Assert.True(BitConverter.SingleToInt32Bits(expected[c]) == BitConverter.SingleToInt32Bits(destination[c * stride + k]),
                    $"observation {k} component {c} ({observations[k][c]:R}): {expected[c]:R} from Normalize, {destination[c * stride + k]:R} from NormalizeLanes");
        }
    }
}

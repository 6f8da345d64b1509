// Mergeable observation statistics: grouping, ordering, copying and validation.
using Es.Core.Normalization;

namespace Es.Core.Tests.Normalization;

public sealed class ObservationStatsTests
{
    private static float[][] Observations(int count, int size, int seed = 20230828)
    {
        var random = new System.Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, size).Select(i => (float)(random.NextDouble() * (i + 1) * 4 - i * 3)).ToArray())
            .ToArray();
    }

    [Fact]
    public void MergingSingleObservationStatsInOrder_EqualsAddingThemDirectly_BitForBit()
    {
        float[][] observations = Observations(500, 6);
        var direct = new ObservationStats(6);
        var merged = new ObservationStats(6);

        foreach (float[] observation in observations)
        {
            direct.Add(observation);
            var single = new ObservationStats(6);
            single.Add(observation);
            merged.Merge(single);
        }

        Assert.Equal(direct.Sum, merged.Sum);
        Assert.Equal(direct.SumSq, merged.SumSq);
        Assert.Equal(direct.Count, merged.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void MergingGroupsOfAnySize_EqualsAddingAllObservations(int groupSize)
    {
        float[][] observations = Observations(1000, 5);
        var direct = new ObservationStats(5);
        foreach (float[] observation in observations) direct.Add(observation);

        var merged = new ObservationStats(5);
        foreach (var group in observations.Chunk(groupSize))
        {
            var delta = new ObservationStats(5);
            foreach (float[] observation in group) delta.Add(observation);
            merged.Merge(delta);
        }

        Assert.Equal(direct.Count, merged.Count);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(direct.Sum[i], merged.Sum[i], Math.Abs(direct.Sum[i]) * 1e-12 + 1e-9);
            Assert.Equal(direct.SumSq[i], merged.SumSq[i], direct.SumSq[i] * 1e-12);
        }
    }

    [Fact]
    public void MergingTheSameDeltasInTheSameOrder_IsBitReproducible()
    {
        var deltas = Observations(300, 4).Chunk(10).Select(group =>
        {
            var delta = new ObservationStats(4);
            foreach (float[] observation in group) delta.Add(observation);
            return delta;
        }).ToArray();

        var first = ObservationStats.WithPrior(4, 1e-2);
        var second = ObservationStats.WithPrior(4, 1e-2);
        foreach (var delta in deltas) first.Merge(delta);
        foreach (var delta in deltas) second.Merge(delta);

        Assert.Equal(first.Sum, second.Sum);
        Assert.Equal(first.SumSq, second.SumSq);
        Assert.Equal(first.Count, second.Count);
    }

    [Theory]
    [InlineData(0.0, 3)]
    [InlineData(1e-2, 3)]
    [InlineData(0.0, 1)]
    [InlineData(0.0, 4)]
    [InlineData(1e-2, 6)]
    [InlineData(0.0, 11)]
    public void AddRows_EqualsAddingEachRow_BitForBit(double prior, int size)
    {
        // A lockstep episode's log goes in at once; from a fractional prior too, whose count
        // each row's +1 rounds; sizes that take the 4-wide and the one-by-one paths.
        float[][] rows = Observations(700, size);
        ObservationStats one = prior == 0 ? new ObservationStats(size) : ObservationStats.WithPrior(size, prior);
        ObservationStats many = prior == 0 ? new ObservationStats(size) : ObservationStats.WithPrior(size, prior);
        foreach (float[] row in rows) one.Add(row);
        many.AddRows([.. rows.SelectMany(r => r)]);
        Assert.Equal(one.Sum.Select(BitConverter.DoubleToInt64Bits), many.Sum.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(one.SumSq.Select(BitConverter.DoubleToInt64Bits), many.SumSq.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(one.Count), BitConverter.DoubleToInt64Bits(many.Count));
    }

    [Theory]
    [InlineData(0.0, 1)]
    [InlineData(0.0, 2)]
    [InlineData(1e-2, 3)]
    [InlineData(0.0, 4)]
    [InlineData(1e-2, 6)]
    [InlineData(0.0, 7)]
    [InlineData(0.0, 11)]
    public void AddRows_EqualsPlainSumsInRowOrder_BitForBit(double prior, int size)
    {
        // Against sums written out here, one component and one row at a time (Add itself goes
        // through AddRows, so comparing the two alone would not see a wrong vector lane).
        float[][] rows = Observations(300, size, seed: 7);
        ObservationStats stats = prior == 0 ? new ObservationStats(size) : ObservationStats.WithPrior(size, prior);
        double[] sum = [.. stats.Sum], sumSq = [.. stats.SumSq];
        double count = stats.Count;
        foreach (float[] row in rows)
        {
            for (int i = 0; i < size; i++)
            {
                double x = row[i];
                sum[i] += x;
                sumSq[i] += x * x;
            }
            count += 1;
        }
        stats.AddRows([.. rows.SelectMany(r => r)]);
        Assert.Equal(sum.Select(BitConverter.DoubleToInt64Bits), stats.Sum.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(sumSq.Select(BitConverter.DoubleToInt64Bits), stats.SumSq.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(BitConverter.DoubleToInt64Bits(count), BitConverter.DoubleToInt64Bits(stats.Count));
    }

    [Fact]
    public void WithPrior_HoldsEpsilonCountAndSquares()
    {
        var stats = ObservationStats.WithPrior(3, 0.01);

        Assert.Equal(0.01, stats.Count);
        Assert.Equal([0.0, 0.0, 0.0], stats.Sum);
        Assert.Equal([0.01, 0.01, 0.01], stats.SumSq);
    }

    [Fact]
    public void ClearAndCopy_AreIndependent()
    {
        var stats = new ObservationStats(2);
        stats.Add([1f, 2f]);
        stats.Add([3f, -4f]);

        var copy = stats.Copy();
        stats.Clear();

        Assert.Equal([4.0, -2.0], copy.Sum);
        Assert.Equal([10.0, 20.0], copy.SumSq);
        Assert.Equal(2.0, copy.Count);
        Assert.Equal([0.0, 0.0], stats.Sum);
        Assert.Equal([0.0, 0.0], stats.SumSq);
        Assert.Equal(0.0, stats.Count);
        Assert.Equal(2, stats.Size);
    }

    [Fact]
    public void RestoringFromArrays_CopiesThem()
    {
        double[] sum = [1, 2];
        var stats = new ObservationStats(sum, [3, 4], 5);
        sum[0] = 100;

        Assert.Equal([1.0, 2.0], stats.Sum);
        Assert.Equal(5.0, stats.Count);
    }

    [Fact]
    public void MismatchedSizesAndBadCounts_AreRejected()
    {
        var stats = new ObservationStats(3);

        Assert.Equal("observation", Assert.Throws<ArgumentException>(() => stats.Add([1f, 2f])).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => stats.Merge(new ObservationStats(2))).ParamName);
        Assert.Equal("sumSq", Assert.Throws<ArgumentException>(() => new ObservationStats([1.0], [1.0, 2.0], 1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationStats([1.0], [1.0], -1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationStats([1.0], [1.0], double.NaN)).ParamName);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => ObservationStats.WithPrior(3, 0)).ParamName);
        Assert.Equal("size", Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationStats(-1)).ParamName);
    }
}

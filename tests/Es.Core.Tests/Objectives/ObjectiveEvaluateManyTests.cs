// Pins IObjective.EvaluateMany to Evaluate: several points at once give each point's one-point bits.
namespace Es.Core.Tests.Objectives;

using Es.Core.Objectives;

public sealed class ObjectiveEvaluateManyTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string id in new[] { "sphere", "quadratic", "rosenbrock", "rastrigin" })
            foreach (int dimension in new[] { 1, 2, 3, 7, 33, 1000 })
                if (!(id == "rosenbrock" && dimension < 2))
                    data.Add(id, dimension);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EvaluateMany_GivesEachPointTheBitsOfEvaluate(string id, int dimension)
    {
        var random = new System.Random(dimension * 31 + id.Length);
        IObjective f = Create(id, dimension);
        // Zero to nine points: whole groups of four, and the ones after them.
        for (int count = 0; count <= 9; count++)
        {
            var points = new float[count * dimension];
            for (int i = 0; i < points.Length; i++) points[i] = Value(random);
            var values = new double[count];
            f.EvaluateMany(points, values);
            for (int k = 0; k < count; k++)
            {
                double expected = f.Evaluate(points.AsSpan(k * dimension, dimension));
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(values[k]),
                    $"{id} in {dimension} dimensions, point {k} of {count}: {expected:R} alone, {values[k]:R} among others");
            }
        }
    }

    [Fact]
    public void EvaluateMany_RefusesPointsOfTheWrongLength()
    {
        var f = new SphereObjective(3);
        var e = Assert.Throws<ArgumentException>(() => f.EvaluateMany(new float[7], new double[2]));
        Assert.Contains("expected 2 points of 3 values (6 values), got 7", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateMany_OfAUsersFunction_DefaultsToOnePointAfterAnother()
    {
        IObjective f = new Abs(2);
        var values = new double[3];
        f.EvaluateMany([1f, -2f, -3f, 4f, 0f, -0.5f], values);
        Assert.Equal([3.0, 7.0, 0.5], values);
        Assert.Throws<ArgumentException>(() => f.EvaluateMany(new float[5], values));
    }

    private static IObjective Create(string id, int dimension) =>
        id == "quadratic"
            ? ObjectiveRegistry.Create(id, dimension, Enumerable.Range(0, dimension).Select(i => 0.1 * i - 1).ToArray())
            : ObjectiveRegistry.Create(id, dimension, null);

    // Mostly ordinary values, with zeros of both signs, infinities, NaN, huge and subnormal ones.
    private static float Value(System.Random random) => random.Next(40) switch
    {
        0 => -0f,
        1 => 0f,
        2 => float.PositiveInfinity,
        3 => float.NegativeInfinity,
        4 => float.NaN,
        5 => 3e38f,
        6 => 1e-42f,
        _ => (float)(random.NextDouble() * 10 - 5),
    };

    // A function written by a user: only Evaluate, so EvaluateMany is the interface's default.
    private sealed class Abs(int dimension) : IObjective
    {
        public string Id => "abs";

        public int Dimension => dimension;

        public double Evaluate(ReadOnlySpan<float> x)
        {
            double sum = 0;
            foreach (float v in x) sum += Math.Abs(v);
            return sum;
        }

        public double[]? KnownMinimizer => null;

        public double MinimumValue => 0;
    }
}

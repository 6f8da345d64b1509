// Pins OpenAI-ES: it solves the quadratic, its gradient estimate points the right way, and runs reproduce.
using Es.Core.Noise;
using Es.Core.Objectives;
using Es.Core.Strategies;

namespace Es.Core.Tests.Strategies;

public class OpenAiEsTests
{
    private static readonly NoiseTable Noise = NoiseTable.Create(123, 1 << 22);

    private static float[] Optimize(IObjective objective, OpenAiEsOptions options, int generations, ulong seed, float[]? start = null)
    {
        var es = new OpenAiEs(options, start ?? new float[objective.Dimension], Noise, seed);
        var candidate = new float[objective.Dimension];
        var fitness = new double[es.PopulationSize];
        for (int g = 0; g < generations; g++)
        {
            IReadOnlyList<Candidate> population = es.Ask();
            for (int i = 0; i < population.Count; i++)
            {
                es.Materialize(population[i], candidate);
                fitness[i] = -objective.Evaluate(candidate);
            }
            es.Tell(fitness);
        }
        return es.Center.ToArray();
    }

    [Fact]
    public void Quadratic_IsDrivenToWithin1e3OfItsOptimum()
    {
        IObjective quadratic = ObjectiveRegistry.Create("quadratic");
        Assert.Equal(new[] { 0.5, 0.1, -0.3 }, quadratic.KnownMinimizer!.Select(x => Math.Round(x, 6)));
        // Near the optimum a fixed σ blurs the estimate, so the step size is small and σ modest.
        var options = new OpenAiEsOptions { PopulationSize = 50, Sigma = 0.01, LearningRate = 0.005, WeightDecay = 0.0 };
        float[] theta = Optimize(quadratic, options, generations: 600, seed: 1);
        for (int i = 0; i < 3; i++)
            Assert.True(Math.Abs(theta[i] - quadratic.KnownMinimizer![i]) < 1e-3, $"θ[{i}] = {theta[i]}, optimum {quadratic.KnownMinimizer[i]}");
    }

    /// <summary>
    /// With m mirrored pairs in n dimensions, the cosine of the estimate with the true gradient of
    /// a quadratic is about 1/√(1 + n/m) (the pairs cancel the curvature exactly, leaving the
    /// sampling error of m random directions). Checking the measured value against that theory
    /// pins both the direction and the normalization of the estimator.
    /// </summary>
    [Theory]
    [InlineData(1_000, 1_000, 0.50, 0.65)]    // P = 1,000: 500 pairs, theory 0.577
    [InlineData(1_000, 10_000, 0.90, 0.95)]   // P = 10,000: theory 0.913
    public void GradientEstimate_OnA1000DimensionalQuadratic_HasTheExpectedCosineWithTheTrueGradient(int n, int population, double low, double high)
    {
        var random = new System.Random(20230828);
        double[] optimum = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        IObjective quadratic = ObjectiveRegistry.Create("quadratic", n, optimum);
        var options = new OpenAiEsOptions { PopulationSize = population, Sigma = 0.05, FitnessShaping = FitnessShapingKind.Raw, WeightDecay = 0 };
        var es = new OpenAiEs(options, new float[n], Noise, seed: 5);
        var candidate = new float[n];
        var fitness = new double[population];
        IReadOnlyList<Candidate> candidates = es.Ask();
        for (int i = 0; i < population; i++)
        {
            es.Materialize(candidates[i], candidate);
            fitness[i] = -quadratic.Evaluate(candidate);
        }
        NoiseStepUpdate update = es.ComputeUpdate(fitness);
        var estimate = new float[n];
        Es.Core.Numerics.NoiseWeightedSum.Compute(Noise.Slice(0, Noise.Size), update.NoiseIndices, update.Weights, estimate);
        // True gradient of −Σ(x − c)² at x = 0 is 2c.
        double dot = 0, a = 0, b = 0;
        for (int i = 0; i < n; i++)
        {
            dot += estimate[i] * 2 * optimum[i];
            a += (double)estimate[i] * estimate[i];
            b += 4 * optimum[i] * optimum[i];
        }
        double cosine = dot / Math.Sqrt(a * b);
        Assert.InRange(cosine, low, high);
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalParameters_DifferentSeed_DifferentOnes()
    {
        IObjective rosenbrock = ObjectiveRegistry.Create("rosenbrock", 10);
        var options = new OpenAiEsOptions { PopulationSize = 20, Sigma = 0.05, LearningRate = 0.02 };
        float[] a = Optimize(rosenbrock, options, 30, seed: 7);
        float[] b = Optimize(rosenbrock, options, 30, seed: 7);
        float[] c = Optimize(rosenbrock, options, 30, seed: 8);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Replica_ApplyingPublishedUpdates_ReachesTheSameBits()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 50);
        var options = new OpenAiEsOptions { PopulationSize = 16 };
        var start = Enumerable.Repeat(1f, 50).ToArray();
        var leader = new OpenAiEs(options, start, Noise, 3);
        var replica = new OpenAiEs(options, start, Noise, 3);
        var candidate = new float[50];
        var fitness = new double[16];
        for (int g = 0; g < 10; g++)
        {
            IReadOnlyList<Candidate> population = leader.Ask();
            for (int i = 0; i < 16; i++)
            {
                leader.Materialize(population[i], candidate);
                fitness[i] = -sphere.Evaluate(candidate);
            }
            TellResult told = leader.Tell(fitness);
            replica.Apply(told.Update);
        }
        Assert.Equal(leader.Center.ToArray(), replica.Center.ToArray());
        Assert.Throws<InvalidOperationException>(() => replica.Apply(new NoiseStepUpdate(3, [0], [1f])));
    }

    [Fact]
    public void SaveAndLoadState_ContinueExactly()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 20);
        var options = new OpenAiEsOptions { PopulationSize = 10 };
        float[] straight = Optimize(sphere, options, 20, seed: 11, start: Enumerable.Repeat(0.5f, 20).ToArray());

        var first = new OpenAiEs(options, Enumerable.Repeat(0.5f, 20).ToArray(), Noise, 11);
        var candidate = new float[20];
        var fitness = new double[10];
        void Step(OpenAiEs es)
        {
            IReadOnlyList<Candidate> population = es.Ask();
            for (int i = 0; i < 10; i++)
            {
                es.Materialize(population[i], candidate);
                fitness[i] = -sphere.Evaluate(candidate);
            }
            es.Tell(fitness);
        }
        for (int g = 0; g < 8; g++) Step(first);
        var resumed = new OpenAiEs(options, new float[20], Noise, 11);
        resumed.LoadState(first.SaveState());
        for (int g = 8; g < 20; g++) Step(resumed);
        Assert.Equal(straight, resumed.Center.ToArray());
    }

    [Fact]
    public void MirroredCandidates_ShareTheirNoiseIndex_WithOppositeSigns()
    {
        var es = new OpenAiEs(new OpenAiEsOptions { PopulationSize = 8 }, new float[10], Noise, 1);
        IReadOnlyList<Candidate> c = es.Ask();
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(c[2 * j].NoiseIndex, c[2 * j + 1].NoiseIndex);
            Assert.Equal(j, c[2 * j].Pair);
            Assert.Equal(+1, c[2 * j].Sign);
            Assert.Equal(-1, c[2 * j + 1].Sign);
        }
        Assert.Same(c, es.Ask());
    }

    [Theory]
    [InlineData(0.0, 8, true, "sigma")]
    [InlineData(-0.1, 8, true, "sigma")]
    [InlineData(0.02, 7, true, "odd")]
    [InlineData(0.02, 0, false, "population size")]
    public void Constructor_RefusesInvalidHyperParameters(double sigma, int population, bool mirrored, string expected)
    {
        var options = new OpenAiEsOptions { Sigma = sigma, PopulationSize = population, Mirrored = mirrored };
        var e = Assert.Throws<ArgumentException>(() => new OpenAiEs(options, new float[3], Noise, 1));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Tell_RefusesNonFiniteFitness_AndWrongCounts()
    {
        var es = new OpenAiEs(new OpenAiEsOptions { PopulationSize = 4 }, new float[3], Noise, 1);
        Assert.Throws<ArgumentException>(() => es.Tell([1, 2, 3]));
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => es.Tell([1, double.NaN, 3, 4])).Message);
    }
}

// Pins the simple GA: it solves sphere, Rosenbrock and Rastrigin to stated (looser) tolerances, CartPole, and the ask/tell contract.
using Es.Core.Objectives;
using Es.Core.Strategies;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Core.Tests.Strategies;

public class SimpleGATests(ITestOutputHelper output)
{
    private static SimpleGA Create(SimpleGAOptions options, float[] start, ulong seed = 1) => new(options, start, StrategyHarness.Noise, seed);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SimpleGA_Should_ReachA1e4_OnA10DSphere_Within20000Evaluations(int seed)
    {
        var ga = Create(new SimpleGAOptions { PopulationSize = 64, SigmaDecay = 0.98, SigmaLimit = 0.001 }, StrategyHarness.UniformStart(10, seed), (ulong)seed);
        LoopResult r = StrategyHarness.Minimize(ga, ObjectiveRegistry.Create("sphere", 10), 20_000, 1e-4);
        output.WriteLine($"seed {seed}: {r}");
        Assert.True(r.EvaluationsToTarget is not null, $"10-D sphere not below 1e-4 within 20,000 evaluations: {r}");
    }

    [Fact]
    public void SimpleGA_WithEstoolDefaults_Should_ReachA1e2_OnA10DSphere()
    {
        var ga = Create(new SimpleGAOptions(), StrategyHarness.UniformStart(10, 1));
        LoopResult r = StrategyHarness.Minimize(ga, ObjectiveRegistry.Create("sphere", 10), 100_000, 1e-2);
        output.WriteLine(r.ToString());
        Assert.True(r.EvaluationsToTarget is not null, $"10-D sphere not below 1e-2 within 100,000 evaluations: {r}");
    }

    [Fact]
    public void SimpleGA_Should_ReachA1e3_OnA4DRosenbrock_Within50000Evaluations()
    {
        var ga = Create(new SimpleGAOptions { PopulationSize = 64, SigmaDecay = 0.99, SigmaLimit = 0.001 }, new float[4], 2);
        LoopResult r = StrategyHarness.Minimize(ga, ObjectiveRegistry.Create("rosenbrock", 4), 50_000, 1e-3);
        output.WriteLine(r.ToString());
        Assert.True(r.EvaluationsToTarget is not null, $"4-D Rosenbrock not below 1e-3 within 50,000 evaluations: {r}");
    }

    /// <summary>From (3, 3); measured over seeds 1..10: all reached 1e-3, in 6,300–10,400 evaluations (median 8,900).</summary>
    [Fact]
    public void SimpleGA_Should_FindTheGlobalOptimumOfA2DRastrigin_To1e3_Within20000Evaluations()
    {
        var ga = Create(new SimpleGAOptions { PopulationSize = 64, Sigma = 1.0, SigmaDecay = 0.98, SigmaLimit = 0.001 }, [3f, 3f], 1);
        LoopResult r = StrategyHarness.Minimize(ga, ObjectiveRegistry.Create("rastrigin", 2), 20_000, 1e-3);
        output.WriteLine(r.ToString());
        Assert.True(r.EvaluationsToTarget is not null, $"2-D Rastrigin not below 1e-3 within 20,000 evaluations: {r}");
    }

    /// <summary>
    /// In 5-D the GA needs a wide start (σ₀ = 2), a fast decay and 128 candidates: so set, 7 of
    /// seeds 1..10 reached 1e-3 within 50,000 evaluations (36,000–40,000); the others, and most
    /// seeds with σ₀ = 0.5 or a slower decay, stall at f ≈ 1 (one coordinate in the neighbouring
    /// basin). This test pins seed 1, one of the seven.
    /// </summary>
    [Fact]
    public void SimpleGA_Should_FindTheGlobalOptimumOfA5DRastrigin_To1e3_Within50000Evaluations()
    {
        var ga = Create(new SimpleGAOptions { PopulationSize = 128, Sigma = 2.0, SigmaDecay = 0.98, SigmaLimit = 0.001 }, Enumerable.Repeat(3f, 5).ToArray(), 1);
        LoopResult r = StrategyHarness.Minimize(ga, ObjectiveRegistry.Create("rastrigin", 5), 50_000, 1e-3);
        output.WriteLine(r.ToString());
        Assert.True(r.EvaluationsToTarget is not null, $"5-D Rastrigin not below 1e-3 within 50,000 evaluations: {r}");
    }

    [Fact]
    public void SimpleGA_Should_SolveCartPole_ThroughLocalTrainer()
    {
        TrainingSetup setup = TrainingSetup.FromSettings(StrategyHarness.CartPoleSettings(1));
        var ga = new SimpleGA(new SimpleGAOptions { PopulationSize = 32, EliteRatio = 0.25, Sigma = 0.5 }, setup.InitialParameters(), setup.Noise, setup.RunSeed);
        LocalTrainer trainer = StrategyHarness.CartPoleTrainer(setup, ga);
        StrategyHarness.AssertSolvesCartPole(trainer, setup.Settings.Run, output, "simple GA",
            g => $"gen {g.Generation}: mean {g.ReturnMean:F1} max {g.ReturnMax:F1} eval {g.Evaluation?.Mean:F1}");
    }

    [Fact]
    public void SuchEtAlsDeepGA_CarriesTheEliteUnmutated_AndNeverLosesIt()
    {
        var options = new SimpleGAOptions { PopulationSize = 32, Crossover = false, ForgetBest = true, Elitism = true, SigmaDecay = 1, Sigma = 0.05 };
        var ga = Create(options, StrategyHarness.UniformStart(6, 4));
        IObjective sphere = ObjectiveRegistry.Create("sphere", 6);
        var x = new float[6];
        double previous = double.NegativeInfinity;
        for (int g = 0; g < 60; g++)
        {
            ga.Materialize(ga.Ask()[0], x);
            if (g > 0) Assert.Equal(ga.Center.ToArray(), x); // task 0 re-evaluates the best elite
            StrategyHarness.Step(ga, sphere, 1);
            Assert.True(ga.BestFitness >= previous, $"generation {g}: the best fitness fell from {previous} to {ga.BestFitness}");
            previous = ga.BestFitness!.Value;
        }
        Assert.Equal(3, ga.CurrentEliteCount);
        output.WriteLine($"f(center) after 60 generations: {sphere.Evaluate(ga.Center):E3}");
        Assert.True(sphere.Evaluate(ga.Center) < 0.05, $"f(center) = {sphere.Evaluate(ga.Center)}");
    }

    [Fact]
    public void EstoolDefaults_KeepTheBestSoFar_AndDecaySigmaToItsLimit()
    {
        var ga = Create(new SimpleGAOptions { PopulationSize = 20, SigmaDecay = 0.5, SigmaLimit = 0.01 }, StrategyHarness.UniformStart(5, 1));
        Assert.Null(ga.BestFitness);
        Assert.Equal(2, ga.Options.EliteCount);
        IObjective rastrigin = ObjectiveRegistry.Create("rastrigin", 5);
        double previous = double.NegativeInfinity;
        for (int g = 0; g < 10; g++)
        {
            StrategyHarness.Step(ga, rastrigin, 1);
            Assert.True(ga.BestFitness >= previous, $"generation {g}: the best fitness fell from {previous} to {ga.BestFitness}");
            previous = ga.BestFitness!.Value;
            Assert.Equal(-rastrigin.Evaluate(ga.Center), ga.BestFitness!.Value);
        }
        // 0.1 → 0.05 → 0.025 → 0.0125 → 0.00625, then no more decay.
        Assert.Equal(0.00625, ga.Sigma, 12);
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalRuns_DifferentSeed_DifferentOnes()
    {
        IObjective rosenbrock = ObjectiveRegistry.Create("rosenbrock", 6);
        float[] Run(ulong seed)
        {
            var ga = Create(new SimpleGAOptions { PopulationSize = 24 }, new float[6], seed);
            StrategyHarness.Step(ga, rosenbrock, 20);
            return ga.Center.ToArray();
        }
        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Sampler_RebuildsTheStrategysOwnBits_EveryGeneration(bool crossover, bool elitism)
    {
        // 150 parameters: the crossover mask spans three 64-bit draws.
        var ga = Create(new SimpleGAOptions { PopulationSize = 20, EliteRatio = 0.2, Crossover = crossover, Elitism = elitism }, StrategyHarness.UniformStart(150, 2));
        IObjective sphere = ObjectiveRegistry.Create("sphere", 150);
        for (int g = 0; g < 6; g++)
        {
            StrategyHarness.AssertCandidateShape(ga);
            StrategyHarness.AssertSamplerMatchesMaterialize(ga);
            StrategyHarness.Step(ga, sphere, 1);
        }
    }

    [Fact]
    public void Crossover_MixesTwoParentsGeneByGene()
    {
        // After one generation the elites differ; a child with crossover takes each gene from one of its two parents (plus σ·ε).
        var ga = Create(new SimpleGAOptions { PopulationSize = 40, EliteRatio = 0.1, Sigma = 0.5 }, new float[128]);
        StrategyHarness.Step(ga, ObjectiveRegistry.Create("sphere", 128), 1);
        var elites = ga.SaveState().Extra!;
        Assert.Equal(4, (int)elites[1]);
        var child = new float[128];
        int mixed = 0;
        foreach (Candidate c in ga.Ask())
        {
            ga.Materialize(c, child);
            ReadOnlySpan<float> eps = StrategyHarness.Noise.Slice(c.NoiseIndex, 128);
            var sources = new HashSet<int>();
            for (int i = 0; i < 128; i++)
            {
                float gene = child[i] - (float)ga.Sigma * eps[i];
                int source = Enumerable.Range(0, 4).First(k => Math.Abs(elites[3 + 4 + k * 128 + i] - gene) < 1e-5);
                sources.Add(source);
            }
            Assert.InRange(sources.Count, 1, 2);
            if (sources.Count == 2) mixed++;
        }
        Assert.True(mixed > 20, $"only {mixed} of 40 children mixed two parents");
    }

    [Fact]
    public void SaveAndLoadState_ContinueExactly()
    {
        StrategyHarness.AssertSaveLoadContinues(() => Create(new SimpleGAOptions { PopulationSize = 30 }, new float[5], 9), ObjectiveRegistry.Create("rosenbrock", 5), split: 7, total: 20);
        StrategyHarness.AssertSaveLoadContinues(() => Create(new SimpleGAOptions { PopulationSize = 30 }, new float[5], 9), ObjectiveRegistry.Create("rosenbrock", 5), split: 0, total: 3);
    }

    [Fact]
    public void Replica_ApplyingPublishedUpdates_ReachesTheSameBits()
    {
        StrategyHarness.AssertReplicaFollows(() => Create(new SimpleGAOptions { PopulationSize = 30 }, StrategyHarness.UniformStart(6, 3), 2), ObjectiveRegistry.Create("rosenbrock", 6), 15);
    }

    [Fact]
    public void PartialGeneration_SelectsAmongTheCompletedCandidates()
    {
        StrategyHarness.AssertPartialUpdateWorks(() => Create(new SimpleGAOptions { PopulationSize = 30 }, StrategyHarness.UniformStart(6, 3), 2), ObjectiveRegistry.Create("sphere", 6));
        // Two completed tasks, fewer than the 3 elite places: the elite set holds what there is.
        var ga = Create(new SimpleGAOptions { PopulationSize = 30, ForgetBest = true }, StrategyHarness.UniformStart(6, 3));
        ga.Apply(ga.ComputeUpdate([-1.0, -2.0], [4, 9]));
        Assert.Equal(2, ga.CurrentEliteCount);
        var expected = new float[6];
        var replica = Create(new SimpleGAOptions { PopulationSize = 30, ForgetBest = true }, StrategyHarness.UniformStart(6, 3));
        replica.Materialize(replica.Ask()[4], expected);
        Assert.Equal(expected, ga.Center.ToArray());
    }

    [Fact]
    public void LoadState_RefusesAnotherStrategyOrDimension()
    {
        var ga = Create(new SimpleGAOptions(), new float[4]);
        StrategyState state = ga.SaveState();
        Assert.Contains("'cma-es'", Assert.Throws<ArgumentException>(() => ga.LoadState(state with { Name = "cma-es" })).Message);
        Assert.Contains("5 parameters", Assert.Throws<ArgumentException>(() => ga.LoadState(state with { Center = new float[5] })).Message);
        Assert.Contains("Extra", Assert.Throws<ArgumentException>(() => ga.LoadState(state with { Extra = null })).Message);
        Assert.Contains("Extra values", Assert.Throws<ArgumentException>(() => ga.LoadState(state with { Extra = state.Extra![..^1] })).Message);
    }

    [Theory]
    [InlineData(0, 0.1, 0.1, 0.999, false, "population size")]
    [InlineData(10, 0.0, 0.1, 0.999, false, "sigma")]
    [InlineData(10, 0.1, 0.0, 0.999, false, "elite ratio")]
    [InlineData(10, 0.1, 1.5, 0.999, false, "elite ratio")]
    [InlineData(10, 0.1, 0.1, 1.5, false, "sigma decay")]
    [InlineData(1, 0.1, 0.1, 0.999, true, "elitism")]
    public void Constructor_RefusesInvalidOptions_NamingThem(int population, double sigma, double eliteRatio, double decay, bool elitism, string expected)
    {
        var options = new SimpleGAOptions { PopulationSize = population, Sigma = sigma, EliteRatio = eliteRatio, SigmaDecay = decay, Elitism = elitism };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => Create(options, new float[3])).Message);
    }

    [Fact]
    public void CheckpointThroughLocalTrainer_ResumesExactly() =>
        StrategyHarness.AssertCheckpointResumesCartPole(s => new SimpleGA(new SimpleGAOptions { PopulationSize = 16, EliteRatio = 0.25, Sigma = 0.5 }, s.InitialParameters(), s.Noise, s.RunSeed));
}

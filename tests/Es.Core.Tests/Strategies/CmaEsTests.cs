// Pins CMA-ES: Hansen's reference behaviour on sphere, Rosenbrock and Rastrigin, CartPole, and the ask/tell contract.
using Es.Core.Objectives;
using Es.Core.Strategies;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Core.Tests.Strategies;

public class CmaEsTests(ITestOutputHelper output)
{
    private static CmaEs Create(CmaEsOptions options, float[] start, ulong seed = 1) => new(options, start, StrategyHarness.Noise, seed);

    [Fact]
    public void DefaultParameters_AreTheTutorials_For10Dimensions()
    {
        var es = Create(new CmaEsOptions(), new float[10]);
        Assert.Equal(10, es.PopulationSize);   // 4 + ⌊3 ln 10⌋
        Assert.Equal(10, es.TaskCount);
        Assert.Equal(7, Create(new CmaEsOptions(), new float[3]).PopulationSize);                  // 4 + ⌊3.30⌋
        CmaEs mirrored = Create(new CmaEsOptions { Mirrored = true }, new float[3]);
        Assert.Equal(8, mirrored.PopulationSize);                                                  // rounded up to pairs
        Assert.Equal(4, mirrored.TaskCount);
    }

    /// <summary>
    /// Hansen's reference: the 10-D sphere from x₀ ∈ [0, 1]¹⁰ with σ₀ = 0.5 and λ = 10 reaches
    /// 10⁻⁸ in about 1,500–2,000 evaluations. Measured here over seeds 1..10: 1,201–1,299
    /// (median 1,263); the bound is 3,000.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void CmaEs_Should_Reach1e8_OnA10DSphere_Within3000Evaluations(int seed)
    {
        var es = Create(new CmaEsOptions { Sigma = 0.5 }, StrategyHarness.UniformStart(10, seed), (ulong)seed);
        LoopResult r = StrategyHarness.Minimize(es, ObjectiveRegistry.Create("sphere", 10), 3_000, 1e-8);
        output.WriteLine($"seed {seed}: {r}");
        Assert.True(r.EvaluationsToTarget is not null, $"10-D sphere not below 1e-8 within 3,000 evaluations: {r}");
    }

    /// <summary>
    /// From 0 with σ₀ = 0.5, seeds 1..10: nine reached 10⁻⁸ in 1,660–2,200 evaluations; seed 1
    /// converged to the local minimum of the 5-D Rosenbrock near (−0.96, 0.94, 0.88, 0.78, 0.61),
    /// f ≈ 3.93 (without restarts CMA-ES stays there). This test pins seed 7 (2,001).
    /// </summary>
    [Fact]
    public void CmaEs_Should_Reach1e8_OnA5DRosenbrock_Within6000Evaluations()
    {
        var es = Create(new CmaEsOptions { Sigma = 0.5 }, new float[5], 7);
        LoopResult r = StrategyHarness.Minimize(es, ObjectiveRegistry.Create("rosenbrock", 5), 6_000, 1e-8);
        output.WriteLine(r.ToString());
        Assert.True(r.EvaluationsToTarget is not null, $"5-D Rosenbrock not below 1e-8 within 6,000 evaluations: {r}");
    }

    /// <summary>
    /// From (3, …, 3) with σ₀ = 2: without restarts no seed of 1..10 reached 10⁻⁶; with up to six
    /// IPOP restarts all ten did, in 7,752–77,766 evaluations (median 28,951).
    /// </summary>
    [Fact]
    public void CmaEs_WithIpopRestarts_Should_FindTheGlobalOptimumOfA5DRastrigin()
    {
        var es = Create(new CmaEsOptions { Sigma = 2.0, Restarts = 6 }, Enumerable.Repeat(3f, 5).ToArray(), 3);
        LoopResult r = StrategyHarness.Minimize(es, ObjectiveRegistry.Create("rastrigin", 5), 100_000, 1e-6);
        output.WriteLine($"{r}; restarts {es.RestartCount}, final λ {es.PopulationSize}");
        Assert.True(r.EvaluationsToTarget is not null, $"5-D Rastrigin not below 1e-6 within 100,000 evaluations: {r}");
    }

    [Fact]
    public void CmaEs_Should_SolveCartPole_ThroughLocalTrainer()
    {
        TrainingSetup setup = TrainingSetup.FromSettings(StrategyHarness.CartPoleSettings(1));
        var es = new CmaEs(new CmaEsOptions { Sigma = 0.5, PopulationSize = 16 }, setup.InitialParameters(), setup.Noise, setup.RunSeed);
        LocalTrainer trainer = StrategyHarness.CartPoleTrainer(setup, es);
        StrategyHarness.AssertSolvesCartPole(trainer, setup.Settings.Run, output, "CMA-ES",
            g => $"gen {g.Generation}: mean {g.ReturnMean:F1} max {g.ReturnMax:F1} eval {g.Evaluation?.Mean:F1} σ {es.Sigma:F3}");
    }

    [Fact]
    public void Mirrored_CmaEs_AlsoReaches1e8_OnA10DSphere()
    {
        var es = Create(new CmaEsOptions { Sigma = 0.5, Mirrored = true }, StrategyHarness.UniformStart(10, 1));
        StrategyHarness.AssertCandidateShape(es);
        LoopResult r = StrategyHarness.Minimize(es, ObjectiveRegistry.Create("sphere", 10), 3_000, 1e-8);
        output.WriteLine(r.ToString());
        Assert.True(r.EvaluationsToTarget is not null, $"mirrored: 10-D sphere not below 1e-8 within 3,000 evaluations: {r}");
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalRuns_DifferentSeed_DifferentOnes()
    {
        IObjective rosenbrock = ObjectiveRegistry.Create("rosenbrock", 6);
        float[] Run(ulong seed)
        {
            var es = Create(new CmaEsOptions { Sigma = 0.3 }, new float[6], seed);
            StrategyHarness.Step(es, rosenbrock, 40);
            return es.Center.ToArray();
        }
        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void Sampler_RebuildsTheStrategysOwnBits_EveryGeneration()
    {
        var es = Create(new CmaEsOptions { Sigma = 0.3, Mirrored = true }, StrategyHarness.UniformStart(8, 2));
        IObjective sphere = ObjectiveRegistry.Create("sphere", 8);
        for (int g = 0; g < 12; g++)
        {
            StrategyHarness.AssertCandidateShape(es);
            StrategyHarness.AssertSamplerMatchesMaterialize(es);
            StrategyHarness.Step(es, sphere, 1);
        }
    }

    [Fact]
    public void SaveAndLoadState_ContinueExactly()
    {
        IObjective rosenbrock = ObjectiveRegistry.Create("rosenbrock", 5);
        StrategyHarness.AssertSaveLoadContinues(() => Create(new CmaEsOptions { Sigma = 0.3 }, new float[5], 9), rosenbrock, split: 13, total: 30);
    }

    [Fact]
    public void SaveAndLoadState_ContinueExactly_AcrossAnIpopRestart()
    {
        // TolX = 0.5 restarts as soon as the distribution has shrunk to half of σ₀.
        IObjective sphere = ObjectiveRegistry.Create("sphere", 4);
        var options = new CmaEsOptions { Sigma = 0.3, Restarts = 3, TolX = 0.5 };
        var probe = Create(options, StrategyHarness.UniformStart(4, 1), 4);
        int restartedAt = 0;
        while (probe.RestartCount == 0)
        {
            StrategyHarness.Step(probe, sphere, 1);
            restartedAt++;
        }
        Assert.Equal(2 * 8, probe.PopulationSize);
        Assert.Equal(probe.PopulationSize, probe.Ask().Count);
        StrategyHarness.AssertSamplerMatchesMaterialize(probe);
        StrategyHarness.AssertSaveLoadContinues(() => Create(options, StrategyHarness.UniformStart(4, 1), 4), sphere, split: restartedAt + 2, total: restartedAt + 12);
    }

    [Fact]
    public void Replica_ApplyingPublishedUpdates_ReachesTheSameBits()
    {
        StrategyHarness.AssertReplicaFollows(() => Create(new CmaEsOptions { Sigma = 0.3 }, StrategyHarness.UniformStart(6, 3), 2), ObjectiveRegistry.Create("rosenbrock", 6), 25);
    }

    [Fact]
    public void PartialGeneration_RecombinesTheCompletedCandidates()
    {
        StrategyHarness.AssertPartialUpdateWorks(() => Create(new CmaEsOptions { Sigma = 0.3, Mirrored = true }, StrategyHarness.UniformStart(6, 3), 2), ObjectiveRegistry.Create("sphere", 6));
        StrategyHarness.AssertPartialUpdateWorks(() => Create(new CmaEsOptions { Sigma = 0.3 }, StrategyHarness.UniformStart(6, 3), 2), ObjectiveRegistry.Create("sphere", 6));
    }

    [Fact]
    public void PartialGenerations_StillSolveTheSphere()
    {
        // Every generation only the first 7 of 10 tasks complete.
        var es = Create(new CmaEsOptions { Sigma = 0.5 }, StrategyHarness.UniformStart(10, 1));
        IObjective sphere = ObjectiveRegistry.Create("sphere", 10);
        var x = new float[10];
        for (int g = 0; g < 400 && sphere.Evaluate(es.Center) >= 1e-8; g++)
        {
            IReadOnlyList<Candidate> population = es.Ask();
            var fitness = new double[7];
            for (int i = 0; i < 7; i++)
            {
                es.Materialize(population[i], x);
                fitness[i] = -sphere.Evaluate(x);
            }
            es.Apply(es.ComputeUpdate(fitness, [0, 1, 2, 3, 4, 5, 6]));
        }
        output.WriteLine($"f(center) {sphere.Evaluate(es.Center):E3} after {es.Generation} generations of 7 candidates");
        Assert.True(sphere.Evaluate(es.Center) < 1e-8, $"f(center) = {sphere.Evaluate(es.Center)} after 400 partial generations");
    }

    [Fact]
    public void LongAfterConvergence_TheDistributionStaysFinite()
    {
        // On a noiseless sphere σ shrinks by a constant factor per generation until it underflows
        // (about generation 4,000 here); a step that would divide by σ = 0 is undone.
        var es = Create(new CmaEsOptions { Sigma = 0.5 }, new float[5], 2);
        IObjective sphere = ObjectiveRegistry.Create("sphere", 5);
        StrategyHarness.Step(es, sphere, 6_000);
        output.WriteLine($"σ {es.Sigma:E2}, f(center) {sphere.Evaluate(es.Center):E2}");
        Assert.True(es.Sigma > 0 && double.IsFinite(es.Sigma), $"σ = {es.Sigma}");
        Assert.All(es.SaveState().Extra!, v => Assert.True(double.IsFinite(v)));
        Assert.Equal(0.0, sphere.Evaluate(es.Center));
    }

    [Fact]
    public void LoadState_RefusesAnotherStrategyOrDimension()
    {
        var es = Create(new CmaEsOptions(), new float[4]);
        StrategyState state = es.SaveState();
        Assert.Contains("'simple-ga'", Assert.Throws<ArgumentException>(() => es.LoadState(state with { Name = "simple-ga" })).Message);
        Assert.Contains("5 parameters", Assert.Throws<ArgumentException>(() => es.LoadState(state with { Center = new float[5] })).Message);
        Assert.Contains("Extra", Assert.Throws<ArgumentException>(() => es.LoadState(state with { Extra = null })).Message);
        Assert.Contains("Extra values", Assert.Throws<ArgumentException>(() => es.LoadState(state with { Extra = state.Extra![..^1] })).Message);
    }

    [Theory]
    [InlineData(0.0, 0, false, 0, "sigma")]
    [InlineData(0.1, 1, false, 0, "population size")]
    [InlineData(0.1, 9, true, 0, "odd")]
    [InlineData(0.1, 0, false, -1, "restarts")]
    public void Constructor_RefusesInvalidOptions_NamingThem(double sigma, int population, bool mirrored, int restarts, string expected)
    {
        var options = new CmaEsOptions { Sigma = sigma, PopulationSize = population, Mirrored = mirrored, Restarts = restarts };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => Create(options, new float[3])).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => Create(new CmaEsOptions(), [])).Message);
    }

    [Fact]
    public void CheckpointThroughLocalTrainer_ResumesExactly() =>
        StrategyHarness.AssertCheckpointResumesCartPole(s => new CmaEs(new CmaEsOptions { Sigma = 0.5, PopulationSize = 8 }, s.InitialParameters(), s.Noise, s.RunSeed));
}

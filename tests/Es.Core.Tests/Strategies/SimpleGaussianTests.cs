// Pins the simple Gaussian hill-climber: it solves the sphere to a tolerance its fixed σ allows, CartPole, and the ask/tell contract.
using Es.Core.Objectives;
using Es.Core.Strategies;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Core.Tests.Strategies;

public class SimpleGaussianTests(ITestOutputHelper output)
{
    private static SimpleGaussian Create(SimpleGaussianOptions options, float[] start, ulong seed = 1) => new(options, start, StrategyHarness.Noise, seed);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SimpleGaussian_Should_ReachA1e2_OnA10DSphere_Within10000Evaluations(bool elitist)
    {
        var es = Create(new SimpleGaussianOptions { PopulationSize = 32, Sigma = 0.01, Elitist = elitist }, StrategyHarness.UniformStart(10, 1));
        LoopResult r = StrategyHarness.Minimize(es, ObjectiveRegistry.Create("sphere", 10), 10_000, 1e-2);
        output.WriteLine($"elitist {elitist}: {r}");
        Assert.True(r.EvaluationsToTarget is not null, $"10-D sphere not below 1e-2 within 10,000 evaluations: {r}");
    }

    [Fact]
    public void SimpleGaussian_Should_SolveCartPole_ThroughLocalTrainer()
    {
        TrainingSetup setup = TrainingSetup.FromSettings(StrategyHarness.CartPoleSettings(1));
        var es = new SimpleGaussian(new SimpleGaussianOptions { PopulationSize = 16, Sigma = 0.5 }, setup.InitialParameters(), setup.Noise, setup.RunSeed);
        LocalTrainer trainer = StrategyHarness.CartPoleTrainer(setup, es);
        StrategyHarness.AssertSolvesCartPole(trainer, setup.Settings.Run, output, "simple Gaussian",
            g => $"gen {g.Generation}: mean {g.ReturnMean:F1} max {g.ReturnMax:F1} eval {g.Evaluation?.Mean:F1}");
    }

    [Fact]
    public void Default_MovesToTheGenerationsBest_EvenWhenWorse_ElitistNeverGetsWorse()
    {
        // Started at the optimum with a large σ, every candidate is worse than where the center could stay.
        IObjective sphere = ObjectiveRegistry.Create("sphere", 5);
        var guide = Create(new SimpleGaussianOptions { PopulationSize = 8, Sigma = 1.0 }, new float[5]);
        var elitist = Create(new SimpleGaussianOptions { PopulationSize = 8, Sigma = 1.0, Elitist = true }, new float[5]);
        Assert.Null(guide.CenterFitness);
        bool guideGotWorse = false;
        double previousGuide = double.NegativeInfinity, previousElitist = double.NegativeInfinity;
        for (int g = 0; g < 30; g++)
        {
            StrategyHarness.Step(guide, sphere, 1);
            StrategyHarness.Step(elitist, sphere, 1);
            Assert.Equal(-sphere.Evaluate(guide.Center), guide.CenterFitness);
            Assert.Equal(-sphere.Evaluate(elitist.Center), elitist.CenterFitness);
            guideGotWorse |= guide.CenterFitness < previousGuide;
            Assert.True(elitist.CenterFitness >= previousElitist, $"generation {g}: the elitist center fell from {previousElitist} to {elitist.CenterFitness}");
            previousGuide = guide.CenterFitness!.Value;
            previousElitist = elitist.CenterFitness!.Value;
        }
        Assert.True(guideGotWorse, "the guide's rule never moved to a worse point in 30 generations of σ = 1 around the optimum");
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalRuns_DifferentSeed_DifferentOnes()
    {
        IObjective rosenbrock = ObjectiveRegistry.Create("rosenbrock", 6);
        float[] Run(ulong seed)
        {
            var es = Create(new SimpleGaussianOptions { PopulationSize = 12, Sigma = 0.05 }, new float[6], seed);
            StrategyHarness.Step(es, rosenbrock, 20);
            return es.Center.ToArray();
        }
        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sampler_RebuildsTheStrategysOwnBits_EveryGeneration(bool mirrored)
    {
        var es = Create(new SimpleGaussianOptions { PopulationSize = 12, Mirrored = mirrored }, StrategyHarness.UniformStart(20, 2));
        IObjective sphere = ObjectiveRegistry.Create("sphere", 20);
        for (int g = 0; g < 5; g++)
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
        StrategyHarness.AssertSaveLoadContinues(() => Create(new SimpleGaussianOptions { PopulationSize = 10, Elitist = true }, new float[5], 9), rosenbrock, split: 6, total: 15);
        StrategyHarness.AssertSaveLoadContinues(() => Create(new SimpleGaussianOptions { PopulationSize = 10, Mirrored = true }, new float[5], 9), rosenbrock, split: 6, total: 15);
    }

    [Fact]
    public void Replica_ApplyingPublishedUpdates_ReachesTheSameBits()
    {
        StrategyHarness.AssertReplicaFollows(() => Create(new SimpleGaussianOptions { PopulationSize = 10, Mirrored = true }, StrategyHarness.UniformStart(6, 3), 2), ObjectiveRegistry.Create("sphere", 6), 15);
    }

    [Fact]
    public void PartialGeneration_SelectsAmongTheCompletedCandidates()
    {
        StrategyHarness.AssertPartialUpdateWorks(() => Create(new SimpleGaussianOptions { PopulationSize = 12, Mirrored = true }, StrategyHarness.UniformStart(6, 3), 2), ObjectiveRegistry.Create("sphere", 6));
        // Of tasks 3 and 5 (mirrored), the best is task 5's −ε: the center becomes exactly that candidate.
        var es = Create(new SimpleGaussianOptions { PopulationSize = 12, Mirrored = true }, StrategyHarness.UniformStart(6, 3));
        var expected = new float[6];
        es.Materialize(es.Ask()[2 * 5 + 1], expected);
        es.Apply(es.ComputeUpdate([-3.0, -2.0, -4.0, -1.0], [3, 5]));
        Assert.Equal(expected, es.Center.ToArray());
        Assert.Equal(-1.0, es.CenterFitness);
    }

    [Fact]
    public void LoadState_RefusesAnotherStrategyOrDimension()
    {
        var es = Create(new SimpleGaussianOptions(), new float[4]);
        StrategyState state = es.SaveState();
        Assert.Contains("'openai-es'", Assert.Throws<ArgumentException>(() => es.LoadState(state with { Name = "openai-es" })).Message);
        Assert.Contains("5 parameters", Assert.Throws<ArgumentException>(() => es.LoadState(state with { Center = new float[5] })).Message);
        Assert.Contains("Extra", Assert.Throws<ArgumentException>(() => es.LoadState(state with { Extra = null })).Message);
    }

    [Theory]
    [InlineData(0.0, 8, false, "sigma")]
    [InlineData(double.PositiveInfinity, 8, false, "sigma")]
    [InlineData(0.1, 7, true, "odd")]
    [InlineData(0.1, 0, false, "population size")]
    public void Constructor_RefusesInvalidOptions_NamingThem(double sigma, int population, bool mirrored, string expected)
    {
        var options = new SimpleGaussianOptions { Sigma = sigma, PopulationSize = population, Mirrored = mirrored };
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => Create(options, new float[3])).Message);
        Assert.Contains("noise table", Assert.Throws<ArgumentException>(() => new SimpleGaussian(new SimpleGaussianOptions(), new float[10], Es.Core.Noise.NoiseTable.Create(1, 5), 1)).Message);
    }

    [Fact]
    public void CheckpointThroughLocalTrainer_ResumesExactly() =>
        StrategyHarness.AssertCheckpointResumesCartPole(s => new SimpleGaussian(new SimpleGaussianOptions { PopulationSize = 8, Sigma = 0.5, Elitist = true }, s.InitialParameters(), s.Noise, s.RunSeed));
}

// Pins PEPG: it solves the sphere and a 2-D Rosenbrock, its σ adapts, its elites and options behave as estool's, and it solves CartPole.
using Es.Core.Objectives;
using Es.Core.Strategies;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Core.Tests.Strategies;

public class PepgTests(ITestOutputHelper output)
{
    [Fact]
    public void Pepg_WithEstoolDefaults_Reaches1e4_OnA10DSphere_Within1500Generations()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 10);
        // estool's defaults except the population (256 → 50): the tolerance is what a fixed Adam step of 0.01 allows.
        var pepg = new Pepg(new PepgOptions { PopulationSize = 50 }, Enumerable.Repeat(1f, 10).ToArray(), StrategyHarness.Noise, 1);
        var (generations, evaluations, value) = StrategyHarness.Solve(pepg, sphere, 1e-4, 1500);
        output.WriteLine($"PEPG, sphere-10 from (1, …, 1), P = 50: f = {value:E2} after {generations} generations, {evaluations} evaluations; max σ {pepg.Sigma.ToArray().Max():E2}");
        Assert.True(generations >= 0, $"f(μ) = {value:E3} after 1500 generations; expected <= 1e-4");
    }

    [Fact]
    public void Pepg_WithALearningRateThatDecays_Reaches1e6_OnA10DSphere_Within2000Generations()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 10);
        var options = new PepgOptions { PopulationSize = 50, LearningRate = 0.05, LearningRateDecay = 0.995, LearningRateLimit = 0.001, WeightDecay = 0 };
        var pepg = new Pepg(options, Enumerable.Repeat(1f, 10).ToArray(), StrategyHarness.Noise, 1);
        var (generations, evaluations, value) = StrategyHarness.Solve(pepg, sphere, 1e-6, 2000);
        output.WriteLine($"PEPG, sphere-10, lr 0.05 decaying to 0.001: f = {value:E2} after {generations} generations, {evaluations} evaluations");
        Assert.True(generations >= 0, $"f(μ) = {value:E3} after 2000 generations; expected <= 1e-6");
        Assert.True(pepg.LearningRate < 0.05, "the learning rate did not decay");
    }

    [Fact]
    public void Pepg_Reaches1e3_OnA2DRosenbrock_Within600Generations()
    {
        IObjective rosenbrock = ObjectiveRegistry.Create("rosenbrock", 2);
        // estool's weight penalty pulls the optimum towards 0; off here so the minimum is (1, 1).
        var pepg = new Pepg(new PepgOptions { PopulationSize = 20, WeightDecay = 0 }, new float[2], StrategyHarness.Noise, 1);
        var (generations, evaluations, value) = StrategyHarness.Solve(pepg, rosenbrock, 1e-3, 600);
        output.WriteLine($"PEPG, Rosenbrock-2 from (0, 0), P = 20: f = {value:E2} after {generations} generations, {evaluations} evaluations");
        Assert.True(generations >= 0, $"f(μ) = {value:E3} after 600 generations; expected <= 1e-3");
    }

    [Fact]
    public void Sigma_ShrinksNearTheOptimum_ByAdaptationAlone_AndStaysPutWithoutIt()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 10);
        var adaptive = new Pepg(new PepgOptions { PopulationSize = 50, SigmaDecay = 1.0 }, new float[10], StrategyHarness.Noise, 2);
        var fixedSigma = new Pepg(new PepgOptions { PopulationSize = 50, SigmaDecay = 1.0, SigmaAlpha = 0 }, new float[10], StrategyHarness.Noise, 2);
        for (int g = 0; g < 100; g++)
        {
            StrategyHarness.Step(adaptive, sphere);
            StrategyHarness.Step(fixedSigma, sphere);
        }
        double max = adaptive.Sigma.ToArray().Max();
        output.WriteLine($"after 100 generations at the optimum: σ in [{adaptive.Sigma.ToArray().Min():E2}, {max:E2}] (σ₀ = 0.1)");
        Assert.True(max < 0.05, $"σ should shrink to under half of σ₀ = 0.1 at the optimum; max σ is {max}");
        Assert.All(fixedSigma.Sigma.ToArray(), s => Assert.Equal(0.1, s));
    }

    [Fact]
    public void SigmaChange_IsClippedTo20PercentPerGeneration_AndDecayStopsAtTheLimit()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 10);
        var pepg = new Pepg(new PepgOptions { PopulationSize = 50, SigmaAlpha = 100, SigmaDecay = 1.0 }, new float[10], StrategyHarness.Noise, 3);
        double[] before = pepg.Sigma.ToArray();
        StrategyHarness.Step(pepg, sphere);
        for (int i = 0; i < 10; i++)
            Assert.InRange(pepg.Sigma[i] / before[i], 0.8 - 1e-12, 1.2 + 1e-12);

        var decaying = new Pepg(new PepgOptions { PopulationSize = 4, SigmaAlpha = 0, SigmaDecay = 0.5, SigmaLimit = 0.02 }, new float[3], StrategyHarness.Noise, 3);
        IObjective sphere3 = ObjectiveRegistry.Create("sphere", 3);
        for (int g = 0; g < 10; g++) StrategyHarness.Step(decaying, sphere3);
        // 0.1 → 0.05 → 0.025 → 0.0125, then no longer above the limit.
        Assert.All(decaying.Sigma.ToArray(), s => Assert.Equal(0.0125, s, 12));
    }

    [Fact]
    public void EliteRatio_MovesTheMeanToTheBestCandidates()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 5);
        var start = new float[] { 1, -1, 0.5f, 2, 0 };
        var pepg = new Pepg(new PepgOptions { PopulationSize = 10, EliteRatio = 0.1, WeightDecay = 0 }, start, StrategyHarness.Noise, 4);
        double[] fitness = StrategyHarness.Evaluate(pepg, sphere);
        int best = Array.IndexOf(fitness, fitness.Max());
        var expected = new float[5];
        pepg.Materialize(pepg.Ask()[best], expected);
        pepg.Tell(fitness);
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], pepg.Center[i], 5);
    }

    [Fact]
    public void Pepg_SolvesCartPole_ThroughLocalTrainer_ToAMeanOfAtLeast475Over100EvaluationEpisodes()
    {
        const string hocon = """
            es {
              run { seed = 1, goal-return = 475, goal-consecutive = 3, max-generations = 100 }
              env.id = CartPole-v1
              policy.type = linear
              noise.size = 1M
              evaluation { every = 1, episodes = 10 }
            }
            """;
        var (trainer, settings) = StrategyHarness.CreateTrainer(hocon,
            setup => new Pepg(new PepgOptions { PopulationSize = 40 }, setup.InitialParameters(), setup.Noise, setup.RunSeed));
        StrategyHarness.AssertSolvesCartPole(trainer, settings.Run, output, "PEPG P = 40, linear policy");
    }

    [Theory]
    [InlineData(nameof(PepgOptions.PopulationSize), "population size")]
    [InlineData(nameof(PepgOptions.SigmaInit), "sigma init")]
    [InlineData(nameof(PepgOptions.SigmaAlpha), "sigma alpha")]
    [InlineData(nameof(PepgOptions.SigmaDecay), "sigma decay")]
    [InlineData(nameof(PepgOptions.SigmaLimit), "sigma limit")]
    [InlineData(nameof(PepgOptions.SigmaMaxChange), "sigma max change")]
    [InlineData(nameof(PepgOptions.LearningRate), "learning rate")]
    [InlineData(nameof(PepgOptions.LearningRateDecay), "learning rate decay")]
    [InlineData(nameof(PepgOptions.EliteRatio), "elite ratio")]
    [InlineData(nameof(PepgOptions.WeightDecay), "weight decay")]
    [InlineData(nameof(PepgOptions.Beta1), "beta1")]
    public void Options_RefuseInvalidValues_NamingTheSetting(string setting, string expected)
    {
        var options = setting switch
        {
            nameof(PepgOptions.PopulationSize) => new PepgOptions { PopulationSize = 7 },
            nameof(PepgOptions.SigmaInit) => new PepgOptions { SigmaInit = 0 },
            nameof(PepgOptions.SigmaAlpha) => new PepgOptions { SigmaAlpha = -1 },
            nameof(PepgOptions.SigmaDecay) => new PepgOptions { SigmaDecay = 1.5 },
            nameof(PepgOptions.SigmaLimit) => new PepgOptions { SigmaLimit = double.NaN },
            nameof(PepgOptions.SigmaMaxChange) => new PepgOptions { SigmaMaxChange = 1 },
            nameof(PepgOptions.LearningRate) => new PepgOptions { LearningRate = -0.1 },
            nameof(PepgOptions.LearningRateDecay) => new PepgOptions { LearningRateDecay = 0 },
            nameof(PepgOptions.EliteRatio) => new PepgOptions { EliteRatio = 2 },
            nameof(PepgOptions.WeightDecay) => new PepgOptions { WeightDecay = -0.01 },
            _ => new PepgOptions { Beta1 = 1 },
        };
        var e = Assert.Throws<ArgumentException>(() => new Pepg(options, new float[3], StrategyHarness.Noise, 1));
        Assert.Contains(expected, e.Message);
        if (setting != nameof(PepgOptions.Beta1)) Assert.Equal(setting, e.ParamName);
    }

    [Fact]
    public void Defaults_AreEstools()
    {
        var o = new PepgOptions();
        Assert.Equal((256, 0.10, 0.20, 0.999, 0.01, 0.2), (o.PopulationSize, o.SigmaInit, o.SigmaAlpha, o.SigmaDecay, o.SigmaLimit, o.SigmaMaxChange));
        Assert.Equal((0.01, 0.9999, 0.01, 0.0, 0.01), (o.LearningRate, o.LearningRateDecay, o.LearningRateLimit, o.EliteRatio, o.WeightDecay));
        Assert.Equal(FitnessShapingKind.CenteredRanks, o.FitnessShaping);
        Assert.Equal(Es.Core.Optimizers.OptimizerType.Adam, o.Optimizer);
        Assert.Equal(0.99, o.Beta1);
        Assert.Equal("pepg", new Pepg(o, new float[3], StrategyHarness.Noise, 1).Name);
    }
}

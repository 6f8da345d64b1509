// Pins SNES: the paper's defaults and utilities, σ that grows on a slope and shrinks at an optimum, test functions, CartPole.
using Es.Core.Objectives;
using Es.Core.Strategies;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Core.Tests.Strategies;

public class SnesTests(ITestOutputHelper output)
{
    [Fact]
    public void Snes_WithThePapersDefaults_Reaches1e8_OnA10DSphere_Within400Generations()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 10);
        var snes = new Snes(new SnesOptions(), Enumerable.Repeat(1f, 10).ToArray(), StrategyHarness.Noise, 1);
        Assert.Equal(10, snes.PopulationSize);
        var (generations, evaluations, value) = StrategyHarness.Solve(snes, sphere, 1e-8, 400);
        output.WriteLine($"SNES, sphere-10 from (1, …, 1), λ = 10: f = {value:E2} after {generations} generations, {evaluations} evaluations");
        Assert.True(generations >= 0, $"f(μ) = {value:E3} after 400 generations; expected <= 1e-8");
    }

    /// <summary>
    /// Rosenbrock's valley is curved and diagonal: a separable σ cannot align with it, so SNES
    /// crawls (the paper's point: SNES trades rotation invariance for linear cost). The tolerance
    /// and budget say so.
    /// </summary>
    [Fact]
    public void Snes_WithThePapersDefaults_Reaches1e3_OnA2DRosenbrock_Within10000Generations()
    {
        IObjective rosenbrock = ObjectiveRegistry.Create("rosenbrock", 2);
        var snes = new Snes(new SnesOptions(), new float[2], StrategyHarness.Noise, 1);
        Assert.Equal(6, snes.PopulationSize);
        var (generations, evaluations, value) = StrategyHarness.Solve(snes, rosenbrock, 1e-3, 10_000);
        output.WriteLine($"SNES, Rosenbrock-2 from (0, 0), λ = 6: f = {value:E2} after {generations} generations, {evaluations} evaluations");
        Assert.True(generations >= 0, $"f(μ) = {value:E3} after 10000 generations; expected <= 1e-3");
    }

    [Fact]
    public void Sigma_GrowsOnASlope_AndShrinksAtTheOptimum()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 10);
        // Far from the optimum (distance ≈ 316 ≫ σ = 0.1) the sphere is a slope: σ must grow.
        var far = new Snes(new SnesOptions(), Enumerable.Repeat(100f, 10).ToArray(), StrategyHarness.Noise, 2);
        var at = new Snes(new SnesOptions(), new float[10], StrategyHarness.Noise, 2);
        // The signal per coordinate is about 1/n of the ranking's, so σ grows by ~1 % a generation in 10-D.
        for (int g = 0; g < 200; g++)
        {
            StrategyHarness.Step(far, sphere);
            if (g < 30) StrategyHarness.Step(at, sphere);
        }
        double farMean = GeometricMean(far.Sigma), atMean = GeometricMean(at.Sigma);
        output.WriteLine($"geometric mean of σ: {farMean:E2} after 200 generations on the slope, {atMean:E2} after 30 at the optimum (σ₀ = 0.1); f on the slope {sphere.Evaluate(far.Center):E3}");
        Assert.True(farMean > 0.3, $"σ should grow on a slope; its geometric mean is {farMean}");
        Assert.True(at.Sigma.ToArray().Max() < 0.05, $"σ should shrink at the optimum; max σ is {at.Sigma.ToArray().Max()}");
    }

    private static double GeometricMean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += Math.Log(v);
        return Math.Exp(sum / values.Length);
    }

    [Fact]
    public void Utilities_FollowThePapersFormula_SumToZero_AndTiesShareTheirRanksUtility()
    {
        double[] u = Snes.Utilities(6);
        // λ = 6: max(0, ln 4 − ln r) for r = 1..6 is ln 4, ln 2, ln(4/3), 0, 0, 0.
        double[] raw = [Math.Log(4), Math.Log(2), Math.Log(4.0 / 3), 0, 0, 0];
        double sum = raw.Sum();
        for (int r = 0; r < 6; r++) Assert.Equal(raw[r] / sum - 1.0 / 6, u[r], 12);
        Assert.Equal(0.0, u.Sum(), 12);

        double[] weights = Snes.Weights([1.0, 5.0, 5.0, -2.0]);
        double[] u4 = Snes.Utilities(4);
        Assert.Equal(u4[3], weights[3], 15);
        Assert.Equal(u4[2], weights[0], 15);
        Assert.Equal((u4[0] + u4[1]) / 2, weights[1], 15);
        Assert.Equal(weights[1], weights[2]);
        Assert.All(Snes.Weights([3.0, 3.0, 3.0]), w => Assert.Equal(0.0, w, 15));
    }

    [Fact]
    public void AGenerationWhoseCandidatesAllScoreTheSame_LeavesMeanAndSigmaUnchanged()
    {
        var snes = new Snes(new SnesOptions(), new float[] { 1, 2, 3 }, StrategyHarness.Noise, 1);
        StrategyState before = snes.SaveState();
        snes.Tell(Enumerable.Repeat(500.0, snes.PopulationSize).ToArray());
        Assert.Equal(before.Center, snes.Center.ToArray());
        Assert.Equal(before.Extra, snes.SaveState().Extra);
    }

    [Theory]
    [InlineData(1, false, 4)]       // ln 1 = 0
    [InlineData(2, false, 6)]       // 4 + ⌊2.08⌋
    [InlineData(3, false, 7)]       // 4 + ⌊3.30⌋
    [InlineData(3, true, 8)]        // rounded up to pairs
    [InlineData(10, false, 10)]     // 4 + ⌊6.91⌋
    [InlineData(1000, false, 24)]   // 4 + ⌊20.72⌋
    public void DefaultPopulation_IsThePapers4Plus3LnN(int dimension, bool mirrored, int expected)
    {
        var snes = new Snes(new SnesOptions { Mirrored = mirrored }, new float[dimension], StrategyHarness.Noise, 1);
        Assert.Equal(expected, snes.PopulationSize);
        Assert.Equal((3 + Math.Log(dimension)) / (5 * Math.Sqrt(dimension)), snes.SigmaLearningRate, 12);
        Assert.Equal(0.25, new Snes(new SnesOptions { SigmaLearningRate = 0.25 }, new float[dimension], StrategyHarness.Noise, 1).SigmaLearningRate);
    }

    [Fact]
    public void Snes_SolvesCartPole_ThroughLocalTrainer_ToAMeanOfAtLeast475Over100EvaluationEpisodes()
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
            setup => new Snes(new SnesOptions(), setup.InitialParameters(), setup.Noise, setup.RunSeed));
        StrategyHarness.AssertSolvesCartPole(trainer, settings.Run, output, $"SNES λ = {trainer.Learner.Strategy.PopulationSize}, linear policy");
    }

    [Theory]
    [InlineData(-1, false, 0.1, 1.0, 0.0, nameof(SnesOptions.PopulationSize), "population size")]
    [InlineData(1, false, 0.1, 1.0, 0.0, nameof(SnesOptions.PopulationSize), "population size 1")]
    [InlineData(7, true, 0.1, 1.0, 0.0, nameof(SnesOptions.PopulationSize), "odd")]
    [InlineData(0, false, 0.0, 1.0, 0.0, nameof(SnesOptions.InitialSigma), "initial sigma")]
    [InlineData(0, false, 0.1, -1.0, 0.0, nameof(SnesOptions.MeanLearningRate), "mean learning rate")]
    [InlineData(0, false, 0.1, 1.0, -0.5, nameof(SnesOptions.SigmaLearningRate), "sigma learning rate")]
    public void Options_RefuseInvalidValues_NamingTheSetting(int population, bool mirrored, double sigma, double etaMu, double etaSigma, string setting, string expected)
    {
        var options = new SnesOptions { PopulationSize = population, Mirrored = mirrored, InitialSigma = sigma, MeanLearningRate = etaMu, SigmaLearningRate = etaSigma };
        var e = Assert.Throws<ArgumentException>(() => new Snes(options, new float[3], StrategyHarness.Noise, 1));
        Assert.Contains(expected, e.Message);
        Assert.Equal(setting, e.ParamName);
    }
}

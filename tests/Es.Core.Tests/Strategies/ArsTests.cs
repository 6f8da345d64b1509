// Pins ARS: the paper's update formula, top-b selection, the four variants' names, test functions and CartPole with a linear policy.
using Es.Core.Objectives;
using Es.Core.Strategies;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Core.Tests.Strategies;

public class ArsTests(ITestOutputHelper output)
{
    [Fact]
    public void ArsV2t_WithDefaults_Reaches1e2_OnA10DSphere_Within200Generations()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 10);
        var ars = new Ars(new ArsOptions(), Enumerable.Repeat(1f, 10).ToArray(), StrategyHarness.Noise, 1);
        var (generations, evaluations, value) = StrategyHarness.Solve(ars, sphere, 1e-2, 200);
        output.WriteLine($"ARS V2-t (N 8, b 4, α 0.02, ν 0.03), sphere-10 from (1, …, 1): f = {value:E2} after {generations} generations, {evaluations} evaluations");
        Assert.True(generations >= 0, $"f(θ) = {value:E3} after 200 generations; expected <= 1e-2");
    }

    /// <summary>ARS's step has a fixed length scale (α·√n·O(1): the rewards are divided by their std), so it stalls where that step overshoots; a smaller α goes further.</summary>
    [Fact]
    public void ArsV1_WithASmallerStep_Reaches1e3_OnA10DSphere_Within400Generations()
    {
        IObjective sphere = ObjectiveRegistry.Create("sphere", 10);
        var ars = new Ars(new ArsOptions { Variant = ArsVariant.V1, StepSize = 0.01, ExplorationNoise = 0.01 }, Enumerable.Repeat(1f, 10).ToArray(), StrategyHarness.Noise, 1);
        var (generations, evaluations, value) = StrategyHarness.Solve(ars, sphere, 1e-3, 400);
        output.WriteLine($"ARS V1 (N 8, α 0.01, ν 0.01), sphere-10: f = {value:E2} after {generations} generations, {evaluations} evaluations");
        Assert.True(generations >= 0, $"f(θ) = {value:E3} after 400 generations; expected <= 1e-3");
    }

    [Fact]
    public void ArsV2t_WithDefaults_Reaches1e2_OnA2DRosenbrock_Within400Generations()
    {
        IObjective rosenbrock = ObjectiveRegistry.Create("rosenbrock", 2);
        var ars = new Ars(new ArsOptions(), new float[2], StrategyHarness.Noise, 1);
        var (generations, evaluations, value) = StrategyHarness.Solve(ars, rosenbrock, 1e-2, 400);
        output.WriteLine($"ARS V2-t defaults, Rosenbrock-2 from (0, 0): f = {value:E2} after {generations} generations, {evaluations} evaluations");
        Assert.True(generations >= 0, $"f(θ) = {value:E3} after 400 generations; expected <= 1e-2");
    }

    [Fact]
    public void Step_IsThePapersUpdate_AlphaOverBSigmaR_TimesTheSumOfRewardDifferencesTimesDirections()
    {
        var theta = new float[] { 0.5f, -0.25f, 1f, 0f, 2f };
        var ars = new Ars(new ArsOptions { Variant = ArsVariant.V2T, Directions = 4, TopDirections = 2, StepSize = 0.1, ExplorationNoise = 0.05 }, theta, StrategyHarness.Noise, 7);
        double[] fitness = [1.0, 3.0, 10.0, 2.0, -1.0, 0.0, 4.0, 8.0];
        // max(r⁺, r⁻) per direction: 3, 10, 0, 8 → top 2 are directions 1 and 3.
        IReadOnlyList<Candidate> c = ars.Ask();
        double[] kept = [10.0, 2.0, 4.0, 8.0];
        double mean = kept.Average();
        double sigmaR = Math.Sqrt(kept.Select(r => (r - mean) * (r - mean)).Average());
        var expected = new double[5];
        foreach (var (direction, diff) in new[] { (1, 10.0 - 2.0), (3, 4.0 - 8.0) })
        {
            ReadOnlySpan<float> delta = StrategyHarness.Noise.Slice(c[2 * direction].NoiseIndex, 5);
            for (int i = 0; i < 5; i++) expected[i] += 0.1 / (2 * sigmaR) * diff * delta[i];
        }
        ars.Tell(fitness);
        for (int i = 0; i < 5; i++) Assert.Equal(theta[i] + expected[i], ars.Center[i], 5);
    }

    [Fact]
    public void TopB_UsesOnlyTheBestBDirections_ChangingAnotherDirectionsFitnessLeavesTheUpdateUnchanged()
    {
        var options = new ArsOptions { Variant = ArsVariant.V2T, Directions = 6, TopDirections = 3 };
        double[] fitness = [5, 1, 2, 9, 0, 1, 7, 6, 3, 3, 2, 8];
        // max per direction: 5, 9, 1, 7, 3, 8 → top 3 are directions 1, 5, 3.
        Assert.Equal([1, 3, 5], new Ars(options, new float[8], StrategyHarness.Noise, 2).SelectDirections(fitness));
        float[] reference = TellOnce(options, fitness);

        double[] otherLosers = (double[])fitness.Clone();
        otherLosers[0] = -100; otherLosers[1] = 6.5;  // direction 0: still below the top 3
        otherLosers[4] = 2; otherLosers[5] = 2;       // direction 2
        otherLosers[9] = -3;                          // direction 4
        Assert.Equal(reference, TellOnce(options, otherLosers));

        double[] winnerChanged = (double[])fitness.Clone();
        winnerChanged[6] = 7.5;                       // direction 3 is in the top 3
        Assert.NotEqual(reference, TellOnce(options, winnerChanged));

        // V1 uses every direction: the same change to a non-top direction moves θ differently.
        var v1 = options with { Variant = ArsVariant.V1 };
        Assert.NotEqual(TellOnce(v1, fitness), TellOnce(v1, otherLosers));
    }

    private static float[] TellOnce(ArsOptions options, double[] fitness)
    {
        var ars = new Ars(options, Enumerable.Range(0, 8).Select(i => i * 0.1f).ToArray(), StrategyHarness.Noise, 2);
        ars.Tell(fitness);
        return ars.Center.ToArray();
    }

    [Fact]
    public void PartialGeneration_SelectsTheTopAmongTheCompletedDirections_AndDividesByTheirCount()
    {
        var ars = new Ars(new ArsOptions { Directions = 8, TopDirections = 4 }, new float[4], StrategyHarness.Noise, 3);
        // Three directions completed: fewer than b, so all three are used.
        Assert.Equal([0, 1, 2], ars.SelectDirections([1, 2, 3, 4, 5, 6]));
        // Six completed: the best four of them.
        Assert.Equal([1, 2, 4, 5], ars.SelectDirections([1, 2, 9, 4, 5, 6, 0, 0, 7, 1, 3, 8]));

        var twin = new Ars(new ArsOptions { Directions = 8, TopDirections = 4 }, new float[4], StrategyHarness.Noise, 3);
        int[] tasks = [1, 4, 6];
        double[] fitness = [1, 2, 5, 3, 0, 4];
        StrategyUpdate update = ars.ComputeUpdate(fitness, tasks);
        ars.Apply(update);
        // By hand: directions 1, 4, 6 with r⁺ − r⁻ = −1, 2, −4; σ_R over all six rewards; divided by 3.
        double mean = fitness.Average();
        double sigmaR = Math.Sqrt(fitness.Select(r => (r - mean) * (r - mean)).Average());
        var expected = new double[4];
        foreach (var (task, diff) in new[] { (1, -1.0), (4, 2.0), (6, -4.0) })
        {
            ReadOnlySpan<float> delta = StrategyHarness.Noise.Slice(twin.NoiseIndexOf(0, task), 4);
            for (int i = 0; i < 4; i++) expected[i] += 0.02 / (3 * sigmaR) * diff * delta[i];
        }
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], ars.Center[i], 5);
    }

    [Fact]
    public void EqualRewards_LeaveThetaUnchanged_InsteadOfDividingByZero()
    {
        var ars = new Ars(new ArsOptions(), new float[] { 1, 2, 3 }, StrategyHarness.Noise, 1);
        TellReport report = ars.Tell(Enumerable.Repeat(500.0, 16).ToArray()).Report;
        Assert.Equal(new float[] { 1, 2, 3 }, ars.Center.ToArray());
        Assert.Equal(0.0, report.GradientNorm);
        Assert.Equal(1, ars.Generation);
    }

    [Theory]
    [InlineData(ArsVariant.V1, "ars-v1")]
    [InlineData(ArsVariant.V1T, "ars-v1t")]
    [InlineData(ArsVariant.V2, "ars-v2")]
    [InlineData(ArsVariant.V2T, "ars-v2t")]
    public void EachVariant_HasItsName_PopulationIs2N_AndStatesDoNotCrossVariants(ArsVariant variant, string name)
    {
        var ars = new Ars(new ArsOptions { Variant = variant, Directions = 5, TopDirections = 2 }, new float[3], StrategyHarness.Noise, 1);
        Assert.Equal(name, ars.Name);
        Assert.Equal(10, ars.PopulationSize);
        Assert.Equal(5, ars.TaskCount);
        var other = new Ars(new ArsOptions { Variant = variant == ArsVariant.V1 ? ArsVariant.V2 : ArsVariant.V1 }, new float[3], StrategyHarness.Noise, 1);
        Assert.Contains(name, Assert.Throws<ArgumentException>(() => other.LoadState(ars.SaveState())).Message);
    }

    [Fact]
    public void Defaults_AreThePapersSmallTaskSettings()
    {
        var o = new ArsOptions();
        Assert.Equal((ArsVariant.V2T, 8, 4, 0.02, 0.03, 16), (o.Variant, o.Directions, o.TopDirections, o.StepSize, o.ExplorationNoise, o.PopulationSize));
    }

    private const string CartPole = """
        es {
          run { seed = 1, goal-return = 475, goal-consecutive = 3, max-generations = 100 }
          env.id = CartPole-v1
          policy.type = linear
          noise.size = 1M
          evaluation { every = 1, episodes = 10 }
        }
        """;

    [Theory]
    [InlineData(ArsVariant.V2T, true)]
    [InlineData(ArsVariant.V1, false)]
    public void Ars_SolvesCartPole_WithALinearPolicy_ThroughLocalTrainer_ToAMeanOfAtLeast475Over100EvaluationEpisodes(ArsVariant variant, bool normalization)
    {
        string hocon = CartPole + $"\nes.normalization.enabled = {(normalization ? "true" : "false")}";
        var (trainer, settings) = StrategyHarness.CreateTrainer(hocon,
            setup => new Ars(new ArsOptions { Variant = variant }, setup.InitialParameters(), setup.Noise, setup.RunSeed));
        StrategyHarness.AssertSolvesCartPole(trainer, settings.Run, output, $"{trainer.Learner.Strategy.Name}, linear policy, normalization {(normalization ? "on" : "off")}");
    }

    [Theory]
    [InlineData(0, 1, 0.02, 0.03, nameof(ArsOptions.Directions), "directions (N)")]
    [InlineData(8, 0, 0.02, 0.03, nameof(ArsOptions.TopDirections), "top directions (b)")]
    [InlineData(8, 9, 0.02, 0.03, nameof(ArsOptions.TopDirections), "[1, N = 8]")]
    [InlineData(8, 4, 0.0, 0.03, nameof(ArsOptions.StepSize), "step size (alpha)")]
    [InlineData(8, 4, 0.02, double.PositiveInfinity, nameof(ArsOptions.ExplorationNoise), "exploration noise (nu)")]
    public void Options_RefuseInvalidValues_NamingTheSetting(int n, int b, double alpha, double nu, string setting, string expected)
    {
        var options = new ArsOptions { Directions = n, TopDirections = b, StepSize = alpha, ExplorationNoise = nu };
        var e = Assert.Throws<ArgumentException>(() => new Ars(options, new float[3], StrategyHarness.Noise, 1));
        Assert.Contains(expected, e.Message);
        Assert.Equal(setting, e.ParamName);
    }
}

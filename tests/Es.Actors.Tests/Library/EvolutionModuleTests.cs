// Pins the library facade: a float[] and a reward function, or an environment and a policy, train in a few lines.
using Es.Actors.Hosting;
using Es.Actors.Library;
using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Policies;
using Es.Core.Training;

namespace Es.Actors.Tests.Library;

public class EvolutionModuleTests
{
    private static double Reward(float[] x) =>
        -(Math.Pow(x[0] - 0.5, 2) + Math.Pow(x[1] - 0.1, 2) + Math.Pow(x[2] + 0.3, 2));

    [Fact]
    public async Task RewardFunction_IsMaximized_UntilTheGoalHolds()
    {
        var es = new EvolutionModule(new float[3], Reward)
        {
            PopulationSize = 50, Sigma = 0.01, LearningRate = 0.005, RewardGoal = -1e-6, ConsecutiveGoalStopping = 2, Threads = 2,
        };
        RunOutcome outcome = await es.RunAsync(generations: 2000);
        Assert.Equal(StopReason.Goal, outcome.Reason);
        Assert.True(Reward(es.Parameters) >= -1e-6, $"reward {Reward(es.Parameters)} at [{string.Join(", ", es.Parameters)}]");
    }

    [Fact]
    public async Task AnotherStrategy_IsChosenByName_AndMaximizesTheReward()
    {
        var es = new EvolutionModule(new float[3], Reward)
        {
            Strategy = "cma-es", PopulationSize = 0, Sigma = 0.3, RewardGoal = -1e-8, Threads = 2,
        };
        RunOutcome outcome = await es.RunAsync(generations: 300);
        Assert.Equal(StopReason.Goal, outcome.Reason);
        Assert.True(Reward(es.Parameters) >= -1e-8, $"reward {Reward(es.Parameters)}");
    }

    [Fact]
    public async Task AnUnknownStrategy_IsRefusedWithASuggestion()
    {
        var es = new EvolutionModule(new float[3], Reward) { Strategy = "cmaes" };
        var e = await Assert.ThrowsAsync<ConfigException>(() => es.RunAsync(10));
        Assert.Contains("did you mean cma-es?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameSeed_GivesTheSameParameters_AndGenerationsAreReported()
    {
        var seen = new List<long>();
        async Task<float[]> Run(Action<Es.Core.Runs.GenerationMetrics>? onGeneration)
        {
            var es = new EvolutionModule(new float[3], Reward) { Seed = 9, Threads = 2, OnGeneration = onGeneration };
            await es.RunAsync(generations: 5);
            return es.Parameters;
        }
        float[] a = await Run(m => { lock (seen) seen.Add(m.Generation); });
        float[] b = await Run(null);
        Assert.Equal(a, b);
        Assert.Equal([0L, 1, 2, 3, 4], seen);
    }

    [Fact]
    public async Task EnvironmentAndPolicy_TrainCartPole()
    {
        var es = new EvolutionModule(() => EnvironmentRegistry.Create("CartPole-v1"), PolicySpec.Linear(), seed: 2)
        {
            PopulationSize = 32, Sigma = 0.1, LearningRate = 0.05, RewardGoal = 490, ConsecutiveGoalStopping = 2, Threads = 2,
        };
        RunOutcome outcome = await es.RunAsync(generations: 200);
        Assert.Equal(StopReason.Goal, outcome.Reason);
        Assert.True(outcome.LastEvaluation!.Mean >= 490);
    }

    [Fact]
    public async Task InvalidHyperParameters_AreRefusedWithTheKey()
    {
        var es = new EvolutionModule(new float[3], Reward) { Sigma = -1 };
        var e = await Assert.ThrowsAsync<ConfigException>(() => es.RunAsync(10));
        Assert.Contains("es.strategy.sigma", e.Message);
        var odd = new EvolutionModule(new float[3], Reward) { PopulationSize = 7 };
        Assert.Contains("odd", (await Assert.ThrowsAsync<ConfigException>(() => odd.RunAsync(10))).Message);
    }
}

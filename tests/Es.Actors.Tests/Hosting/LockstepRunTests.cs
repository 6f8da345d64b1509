// Pins that lanes in the actors change nothing but speed: es.rollouts.lanes of 1, several or automatic give the library loop's θ bits (episodes in lockstep, a test function's candidates together).
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Runs;
using Es.Core.Training;

namespace Es.Actors.Tests.Hosting;

public sealed class LockstepRunTests
{
    private static EsSettings Settings(string env, int lanes) => SettingsLoader.Parse($$"""
        es {
          run { seed = 7, max-generations = 4 }
          env.id = {{env}}
          {{(env.Contains('-') ? "policy { type = mlp, hidden = [8], activation = tanh }" : "env.dimension = 20")}}
          strategy { population = 24, sigma = 0.1, optimizer.learning-rate = 0.03 }
          evaluation { every = 2, episodes = 3 }
          rollouts.lanes = {{lanes}}
          noise.size = 1M
        }
        """, "test.conf");

    private static float[] LibraryLoop(EsSettings settings)
    {
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        Assert.Equal(StopReason.GenerationBudget, trainer.Train(new StopRule(settings.Run)));
        return trainer.Learner.Parameters.ToArray();
    }

    public static TheoryData<string, int> Cases => new()
    {
        { "CartPole-v1", 1 }, { "CartPole-v1", 3 }, { "CartPole-v1", 8 }, { "CartPole-v1", 0 },
        { "Pendulum-v1", 1 }, { "Pendulum-v1", 4 }, { "Pendulum-v1", 0 },
        { "rosenbrock", 1 }, { "rosenbrock", 3 }, { "rosenbrock", 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SingleProcessActors_WithLanes_Should_GiveTheBitsOfOneEpisodeAtATime_AndOfTheLibraryLoop(string env, int lanes)
    {
        EsSettings settings = Settings(env, lanes);
        float[] oneAtATime = LibraryLoop(Settings(env, 1));
        Assert.Equal(oneAtATime, LibraryLoop(settings)); // the library loop in lanes

        var plan = new RunPlan(new RunOptions(settings) { Evaluators = 2 });
        Assert.Equal(TrainingSetup.FromSettings(settings).Lanes, plan.Lanes);
        if (lanes != 1) Assert.True(plan.Lanes > 1, $"{env} with es.rollouts.lanes = {lanes} should evaluate in lanes, got {plan.Lanes}");
        RunOutcome outcome = await SingleProcessRun.RunAsync(plan.Options);
        Assert.Equal(StopReason.GenerationBudget, outcome.Reason);
        Assert.Equal(oneAtATime, outcome.Parameters);
    }

    [Fact]
    public void RunPlan_WithACustomFitnessFunction_Should_EvaluateOneTaskAtATime()
    {
        EsSettings settings = Settings("CartPole-v1", 0);
        TrainingSetup setup = TrainingSetup.FromSettings(settings);
        var plan = new RunPlan(new RunOptions(settings) { FitnessFactory = setup.CreateFitness, InitialParameters = setup.InitialParameters() });
        Assert.Equal(1, plan.Lanes);
    }
}

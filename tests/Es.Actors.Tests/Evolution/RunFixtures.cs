// Shared settings and helpers of the ES actor tests: a small CartPole run and its fault-free result.
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Evaluation;
using Es.Core.Training;

namespace Es.Actors.Tests.Evolution;

internal static class RunFixtures
{
    public const string CartPole = """
        es {
          run { seed = 3, max-generations = 4 }
          env.id = CartPole-v1
          policy { type = mlp, hidden = [8], activation = tanh }
          strategy { population = 16, sigma = 0.1, optimizer.learning-rate = 0.03 }
          evaluation { every = 2, episodes = 2 }
          noise.size = 1M
        }
        """;

    public static EsSettings Settings => SettingsLoader.Parse(CartPole, "test.conf");

    public static TrainingSetup Setup => TrainingSetup.FromSettings(Settings);

    /// <summary>θ after the run's generations with the plain library loop: what every actor run must reproduce.</summary>
    public static float[] Expected()
    {
        LocalTrainer trainer = Setup.CreateLocalTrainer(1);
        trainer.Train(new StopRule(Settings.Run));
        return trainer.Learner.Parameters.ToArray();
    }

    /// <summary>Options whose evaluators use <paramref name="fitness"/> instead of the plain task.</summary>
    public static RunOptions WithFitness(Func<IFitnessFunction> fitness, int evaluators) => new(Settings)
    {
        Evaluators = evaluators,
        FitnessFactory = fitness,
        InitialParameters = Setup.InitialParameters(),
    };
}

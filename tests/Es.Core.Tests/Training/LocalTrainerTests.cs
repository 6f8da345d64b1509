// Pins the plain library loop: it solves CartPole, reproduces bit for bit, and is independent of thread count.
using Es.Core.Configuration;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Core.Tests.Training;

public class LocalTrainerTests(ITestOutputHelper output)
{
    private const string CartPole = """
        es {
          run.seed = 3
          env.id = CartPole-v1
          policy { type = mlp, hidden = [16], activation = tanh }
          strategy { population = 40, sigma = 0.1, optimizer.learning-rate = 0.03 }
          noise.size = 1M
        }
        """;

    [Fact]
    public void PlainLoop_TrainsCartPole_ToAMeanOfAtLeast475Over100EvaluationEpisodes()
    {
        EsSettings settings = SettingsLoader.Parse(CartPole + "\nes.run { goal-return = 475, goal-consecutive = 3, max-generations = 100 }\nes.evaluation { every = 1, episodes = 10 }", "cartpole-test.conf");
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(threads: 2);
        StopReason reason = trainer.Train(new StopRule(settings.Run), report =>
            output.WriteLine($"gen {report.Generation}: mean {report.ReturnMean:F1} max {report.ReturnMax:F1} eval {report.Evaluation?.Mean:F1} steps {report.TotalTimesteps}"));
        Assert.Equal(StopReason.Goal, reason);
        EvaluationSummary full = trainer.Evaluate(100, seedGeneration: 1_000_000);
        output.WriteLine($"stopped at generation {trainer.Learner.Generation}; 100 fresh evaluation episodes: {full.Mean:F1} ± {full.Std:F1}");
        Assert.True(full.Mean >= 475, $"mean over 100 evaluation episodes is {full.Mean:F1}, below 475");
    }

    [Fact]
    public void Train_StopsOnTheGenerationBudget()
    {
        EsSettings settings = SettingsLoader.Parse(CartPole + "\nes.run.max-generations = 3", "cartpole-test.conf");
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(threads: 1);
        int reports = 0;
        Assert.Equal(StopReason.GenerationBudget, trainer.Train(new StopRule(settings.Run), _ => reports++));
        Assert.Equal(3, reports);
        Assert.Equal(3, trainer.Learner.Generation);

        // The same without a callback: the generations must still be applied.
        LocalTrainer silent = TrainingSetup.FromSettings(settings).CreateLocalTrainer(threads: 1);
        Assert.Equal(StopReason.GenerationBudget, silent.Train(new StopRule(settings.Run)));
        Assert.Equal(trainer.Learner.Parameters.ToArray(), silent.Learner.Parameters.ToArray());
    }

    [Fact]
    public void SameSeed_GivesBitIdenticalParameters_ForAnyThreadCount_DifferentSeed_DifferentOnes()
    {
        EsSettings settings = SettingsLoader.Parse(CartPole, "cartpole-test.conf");
        float[] Run(EsSettings s, int threads)
        {
            LocalTrainer trainer = TrainingSetup.FromSettings(s).CreateLocalTrainer(threads);
            for (int g = 0; g < 5; g++) trainer.RunGeneration();
            return trainer.Learner.Parameters.ToArray();
        }
        float[] one = Run(settings, 1);
        float[] two = Run(settings, 2);
        float[] again = Run(settings, 2);
        float[] other = Run(settings with { Run = settings.Run with { Seed = 4 } }, 2);
        Assert.Equal(one, two);
        Assert.Equal(one, again);
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void ResumingFromACheckpoint_ContinuesExactlyAsIfNeverStopped()
    {
        EsSettings settings = SettingsLoader.Parse(CartPole, "cartpole-test.conf");
        LocalTrainer straight = TrainingSetup.FromSettings(settings).CreateLocalTrainer(2);
        for (int g = 0; g < 6; g++) straight.RunGeneration();

        LocalTrainer first = TrainingSetup.FromSettings(settings).CreateLocalTrainer(2);
        for (int g = 0; g < 3; g++) first.RunGeneration();
        byte[] bytes = Es.Core.Checkpoints.CheckpointFile.Serialize(first.Learner.ToCheckpoint("CartPole-v1", double.NaN, settings.ToHocon()));

        LocalTrainer resumed = TrainingSetup.FromSettings(settings).CreateLocalTrainer(1);
        resumed.Learner.Restore(Es.Core.Checkpoints.CheckpointFile.Deserialize(bytes, "memory"));
        for (int g = 3; g < 6; g++) resumed.RunGeneration();

        Assert.Equal(straight.Learner.Parameters.ToArray(), resumed.Learner.Parameters.ToArray());
        Assert.Equal(straight.Learner.Normalizer.Mean, resumed.Learner.Normalizer.Mean);
        Assert.Equal(straight.Learner.TotalTimesteps, resumed.Learner.TotalTimesteps);
    }
}

// Trains a repository task file (hocon/tasks) with the library loop and judges it on fresh episodes, for the tests that pin what a task file claims.
namespace Es.Core.Tests.Training;

using Es.Core.Configuration;
using Es.Core.Environments;
using Es.Core.Random;
using Es.Core.Training;
using Xunit.Abstractions;

internal static class TaskFileRuns
{
    public static string Path(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EsAkka.sln"))) return System.IO.Path.Combine(dir.FullName, "hocon", "tasks", file);
        throw new InvalidOperationException($"no EsAkka.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Trains <paramref name="file"/> (with <paramref name="overrides"/>) to its stop and returns the mean of 100 fresh evaluation episodes.</summary>
    public static double TrainAndJudge(string file, ITestOutputHelper output, params string[] overrides)
    {
        EsSettings settings = SettingsLoader.Load(Path(file), overrides);
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(threads: 2);
        StopReason reason = trainer.Train(new StopRule(settings.Run));
        EvaluationSummary judged = trainer.Evaluate(100, seedGeneration: 1_000_000);
        output.WriteLine($"{file} {string.Join(" ", overrides)}: {reason} after {trainer.Learner.Generation} generations; 100 fresh episodes {judged.Mean:F2} ± {judged.Std:F2}");
        return judged.Mean;
    }

    /// <summary>Mean return of a policy that picks uniformly random actions, over <paramref name="episodes"/> episodes.</summary>
    public static double RandomPolicyReturn(string environmentId, int episodes)
    {
        IStatefulEnvironment env = EnvironmentRegistry.Create(environmentId);
        int actions = ((DiscreteSpace)env.Spec.ActionSpace).N;
        var observation = new float[env.Spec.ObservationSize];
        var rng = new Rng(12345);
        double total = 0;
        for (int e = 0; e < episodes; e++)
        {
            env.Reset((ulong)(1_000_000 + e), observation);
            for (int t = 0; t < env.Spec.MaxEpisodeSteps; t++)
            {
                StepResult r = env.Step([rng.NextInt64(actions)], observation);
                total += r.Reward;
                if (r.Done) break;
            }
        }
        return total / episodes;
    }
}

// Environment steps per second of CartPole with an MLP 4-64-64-2: a raw library loop against single-process actors with 1 and 2 evaluators.
using System.Diagnostics;
using System.Globalization;
using Es.Actors.Hosting;
using Es.Core.Configuration;
using Es.Core.Evaluation;
using Es.Core.Runs;
using Es.Core.Training;

namespace Es.Bench;

internal static class RolloutBenchmark
{
    /// <summary>Settings of a CartPole run with the 4-64-64-2 tanh policy; no evaluation episodes, so every step is a training step.</summary>
    public static EsSettings Settings(int population, int maxGenerations) => SettingsLoader.Parse(string.Create(CultureInfo.InvariantCulture, $$"""
        es {
          run { seed = 3, max-generations = {{maxGenerations}} }
          env.id = CartPole-v1
          policy { type = mlp, hidden = [64, 64], activation = tanh }
          strategy { population = {{population}}, sigma = 0.1, optimizer.learning-rate = 0.03 }
          evaluation { every = 0 }
          noise.size = 1M
        }
        """), "rollout-bench.conf");

    /// <summary>Steps per second of one thread running training pairs of fixed θ through <see cref="PairEvaluator"/> until <paramref name="steps"/> steps.</summary>
    public static double RawStepsPerSecond(long steps, int repeats)
    {
        TrainingSetup setup = TrainingSetup.FromSettings(Settings(1000, 1));
        PairEvaluator evaluator = setup.CreateEvaluator();
        Learner learner = setup.CreateLearner();
        IReadOnlyList<EvaluationTask> tasks = learner.Tasks();
        float[] theta = learner.Parameters.ToArray();
        var normalizer = learner.Normalizer;
        long done = 0;
        double seconds = Measure.Best(repeats, () =>
        {
            done = 0;
            for (int i = 0; done < steps; i = (i + 1) % tasks.Count)
                done += evaluator.Evaluate(theta, normalizer, tasks[i]).Steps;
        });
        return done / seconds;
    }

    private sealed class LastMetrics : IRunObserver
    {
        public long Timesteps;
        public double GenerationSeconds;

        public void OnGeneration(GenerationMetrics metrics)
        {
            Interlocked.Exchange(ref Timesteps, metrics.Timesteps);
            GenerationSeconds += metrics.Seconds;
        }

        public void OnEvent(string message)
        {
        }
    }

    /// <summary>Steps per second of a whole single-process run (actors, in-memory fabric): total timesteps over wall time.</summary>
    private static (double Wall, double Generations) ActorStepsPerSecond(EsSettings settings, int evaluators)
    {
        var observer = new LastMetrics();
        long start = Stopwatch.GetTimestamp();
        RunOutcome outcome = SingleProcessRun.RunAsync(new RunOptions(settings) { Evaluators = evaluators, Observer = observer }).GetAwaiter().GetResult();
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (outcome.Reason != StopReason.GenerationBudget)
            throw new InvalidOperationException($"the rollout run stopped with {outcome.Reason}: {outcome.Error}");
        return (observer.Timesteps / wall, observer.Timesteps / observer.GenerationSeconds);
    }

    public static void Run(bool quick)
    {
        long rawSteps = quick ? 5_000 : 2_000_000;
        EsSettings settings = quick ? Settings(20, 2) : Settings(1000, 8);
        ActorStepsPerSecond(Settings(20, 2), 1); // JIT, noise table, thread pool
        double raw = RawStepsPerSecond(rawSteps, quick ? 1 : 3);
        int repeats = quick ? 1 : 2;
        (double Wall, double Generations) one = (0, 0), two = (0, 0);
        for (int i = 0; i < repeats; i++)
        {
            // Interleaved, best of each: the machine is shared.
            var a = ActorStepsPerSecond(settings, 1);
            var b = ActorStepsPerSecond(settings, 2);
            if (a.Wall > one.Wall) one = a;
            if (b.Wall > two.Wall) two = b;
        }
        Console.WriteLine($"rollout CartPole-v1, MLP 4-64-64-2 tanh (P = {settings.Strategy.Population}, {settings.Run.MaxGenerations} generations):");
        Console.WriteLine($"  (a) raw loop, 1 thread:        {raw / 1e6,6:F3} M steps/s");
        Console.WriteLine($"  (b1) actors, 1 evaluator:      {one.Wall / 1e6,6:F3} M steps/s (run wall time; {one.Generations / 1e6:F3} over generation times)  b1/a = {one.Wall / raw:F2} (target >= 0.95)");
        Console.WriteLine($"  (b2) actors, 2 evaluators:     {two.Wall / 1e6,6:F3} M steps/s (run wall time; {two.Generations / 1e6:F3} over generation times)  b2/a = {two.Wall / raw:F2} (target >= 1.8, {Environment.ProcessorCount} cores)");
    }
}

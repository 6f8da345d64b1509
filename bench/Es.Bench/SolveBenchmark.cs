// Time to solve the classic-control tasks in single-process mode (the actors `es train` runs), median of 3 seeds.
using System.Diagnostics;
using System.Globalization;
using Es.Actors.Hosting;
using Es.Core.Checkpoints;
using Es.Core.Configuration;
using Es.Core.Training;

namespace Es.Bench;

/// <summary>
/// Trains each task with its tuned settings (hocon/tasks/*.conf, seed overridden) through
/// <see cref="SingleProcessRun"/> with one evaluator per core and a run directory, as `es train`
/// does, and judges the final θ on 100 evaluation episodes of seeds never used in training.
/// </summary>
internal static class SolveBenchmark
{
    private sealed record SolveTask(string Id, string File, double Threshold, double TargetSeconds);

    private sealed record Attempt(ulong Seed, StopReason Reason, double Seconds, long Steps, long Generations, double Judged);

    private static readonly SolveTask[] Tasks =
    [
        new("CartPole-v1", "hocon/tasks/cartpole.conf", 475, 10),
        new("Pendulum-v1", "hocon/tasks/pendulum.conf", -200, 300),
        new("Acrobot-v1", "hocon/tasks/acrobot.conf", -100, 300),
        new("MountainCarContinuous-v0", "hocon/tasks/mountaincar-continuous.conf", 90, 300),
    ];

    /// <summary>Judging episodes use this generation's evaluation seeds, far past any training generation.</summary>
    private const long JudgeSeedGeneration = 1_000_000;

    public static void Run(bool quick)
    {
        ulong[] seeds = quick ? [1] : [1, 2, 3];
        SolveTask[] tasks = quick ? Tasks[..1] : Tasks;
        string? warmup = RepoFiles.Find(Tasks[0].File);
        if (warmup is null)
        {
            Console.WriteLine($"solve: skipped, {Tasks[0].File} not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
            return;
        }
        // JIT and thread pool, so the first task is not charged for them.
        Train(SettingsLoader.Load(warmup, ["es.run.max-generations=2"]));
        Console.WriteLine($"solve: single-process actors ({Environment.ProcessorCount} evaluators), tuned hocon/tasks settings, judged on 100 episodes of unseen seeds:");
        foreach (SolveTask task in tasks)
        {
            string path = RepoFiles.Find(task.File)!;
            var attempts = new List<Attempt>();
            foreach (ulong seed in seeds)
            {
                EsSettings settings = SettingsLoader.Load(path, [string.Create(CultureInfo.InvariantCulture, $"es.run.seed={seed}")]);
                Attempt attempt = Train(settings);
                attempts.Add(attempt);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {task.Id,-25} seed {seed}: {attempt.Seconds,7:F2} s, {attempt.Steps,11:N0} steps, {attempt.Generations,5} generations, stop {attempt.Reason}, judged {attempt.Judged:F1} ({(attempt.Judged >= task.Threshold ? "solved" : "NOT solved")}, threshold {task.Threshold})"));
            }
            int solved = attempts.Count(a => a.Judged >= task.Threshold);
            double seconds = Median(attempts.Select(a => a.Seconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {task.Id,-25} median: {seconds,7:F2} s, {Median(attempts.Select(a => (double)a.Steps)),11:N0} steps, {Median(attempts.Select(a => (double)a.Generations)),5:F0} generations; solved {solved}/{attempts.Count}; target <= {task.TargetSeconds:F0} s: {(seconds <= task.TargetSeconds && solved == attempts.Count ? "met" : "NOT met")}"));
        }
        Console.WriteLine($"  load average (1 min) at the end: {RolloutBenchmark.LoadAverage()}");
    }

    private static Attempt Train(EsSettings settings)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"es-bench-solve-{Guid.NewGuid():N}");
        try
        {
            long start = Stopwatch.GetTimestamp();
            RunOutcome outcome = SingleProcessRun.RunAsync(new RunOptions(settings) { RunDirectory = directory }).GetAwaiter().GetResult();
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (outcome.FinalCheckpoint is null) throw new InvalidOperationException($"the run ended without a final checkpoint: {outcome.Reason} {outcome.Error}");
            // Judge the final θ (with its normalizer) the way docs/tasks-tuning.md does.
            TrainingSetup setup = TrainingSetup.FromSettings(settings);
            Learner learner = setup.CreateLearner();
            learner.Restore(CheckpointFile.Load(outcome.FinalCheckpoint));
            var judge = new LocalTrainer(learner, setup.CreateEvaluator, Environment.ProcessorCount);
            double judged = judge.Evaluate(100, JudgeSeedGeneration).Mean;
            return new Attempt(settings.Run.Seed, outcome.Reason, seconds, learner.TotalTimesteps, learner.Generation, judged);
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

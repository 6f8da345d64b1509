// Results per second the head accepts and aggregates, with evaluators replaced by precomputed results in an in-memory fabric.
using System.Diagnostics;
using Es.Core.Configuration;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Training;

namespace Es.Bench;

internal static class HeadBenchmark
{
    public static void Run(bool quick)
    {
        int population = quick ? 200 : 10_000;
        int generations = quick ? 2 : 10;
        const int batch = 256;
        EsSettings settings = RolloutBenchmark.Settings(population, generations);
        Learner learner = TrainingSetup.FromSettings(settings).CreateLearner();
        var stats = new ObservationStats(4);
        stats.Add([0.1f, -0.2f, 0.3f, 0.4f]);
        var random = new System.Random(7);
        long results = 0;
        double headSeconds = 0, publishSeconds = 0, completeSeconds = 0;
        for (int g = 0; g < generations; g++)
        {
            IReadOnlyList<EvaluationTask> tasks = learner.Tasks();
            TaskResult[] precomputed = tasks.Select(t => new TaskResult(t.Generation, t.Task, random.Next(10, 500), random.Next(10, 500), 100, 100,
                t.CollectStatistics ? stats : null)).ToArray();
            InMemoryFabric fabric = new();
            long start = Stopwatch.GetTimestamp();
            foreach (TaskResult r in precomputed) fabric.PublishResultAsync(r).AsTask().Wait();
            publishSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;

            start = Stopwatch.GetTimestamp();
            var assembler = new GenerationAssembler(learner.Generation, tasks.Count);
            string? position = null;
            while (!assembler.IsComplete)
            {
                ResultBatch read = fabric.ReadResultsAsync(position, batch, TimeSpan.Zero).AsTask().GetAwaiter().GetResult();
                position = read.Position;
                foreach (TaskResult r in read.Results) assembler.Add(r);
            }
            long beforeComplete = Stopwatch.GetTimestamp();
            learner.Complete(assembler);
            completeSeconds += Stopwatch.GetElapsedTime(beforeComplete).TotalSeconds;
            headSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
            results += tasks.Count;
            fabric.DisposeAsync().AsTask().Wait();
        }
        Console.WriteLine($"head, instant evaluators (P = {population}, n = {learner.Parameters.Length:N0}, {generations} generations, reads of {batch}):");
        Console.WriteLine($"  {results / headSeconds,10:N0} results/s read, assembled and completed (target >= 50,000); Learner.Complete {completeSeconds / headSeconds:P0} of that time");
        Console.WriteLine($"  {results / publishSeconds,10:N0} results/s published into the in-memory fabric (the evaluators' side, not the head's)");
    }
}

// Bytes on the wire per evaluated pair (the codec EsWireSerializer carries) (task + result + share of the generation update) and snapshot size, as the parameter count grows.
using System.Globalization;
using Es.Actors.Wire;
using Es.Core.Configuration;
using Es.Core.Evaluation;
using Es.Core.Normalization;
using Es.Core.Training;

namespace Es.Bench;

internal static class WireBenchmark
{
    public static void Run(bool quick)
    {
        const int population = 1000;
        int[] sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000, 1_000_000];
        var codec = new WireCodec("bench-run");
        Console.WriteLine($"wire bytes per evaluated pair (P = {population}, mirrored; result carries 4-dimensional observation statistics as CartPole's do):");
        foreach (int n in sizes)
        {
            EsSettings settings = SettingsLoader.Parse(string.Create(CultureInfo.InvariantCulture, $$"""
                es {
                  env { id = sphere, dimension = {{n}} }
                  strategy.population = {{population}}
                  evaluation.every = 0
                  noise.size = {{Math.Max(1 << 20, 2 * n)}}
                }
                """), "wire-bench.conf");
            TrainingSetup setup = TrainingSetup.FromSettings(settings);
            Learner learner = setup.CreateLearner();
            IReadOnlyList<EvaluationTask> tasks = learner.Tasks();
            var stats = new ObservationStats(4);
            stats.Add([0.1f, -0.2f, 0.3f, 0.4f]);
            var assembler = new GenerationAssembler(learner.Generation, tasks.Count);
            foreach (EvaluationTask t in tasks)
                assembler.Add(new TaskResult(t.Generation, t.Task, 1.0 + t.Task, 2.0, 100, 120, null)); // a test function has no observations
            int taskBytes = codec.EncodeTask(tasks[0]).Length;
            int resultBytes = codec.EncodeResult(new TaskResult(tasks[0].Generation, 0, 21.0, 35.0, 21, 35, stats)).Length;
            GenerationReport report = learner.Complete(assembler);
            int generationBytes = codec.EncodeGeneration(report.Update).Length;
            int snapshotBytes = codec.EncodeSnapshot(learner.ToCheckpoint("sphere", double.NaN, "es {}")).Length;
            double perPair = taskBytes + resultBytes + (double)generationBytes / tasks.Count;
            Console.WriteLine($"  n = {n,9:N0}: task {taskBytes} B + result {resultBytes} B + generation update {generationBytes:N0} B / {tasks.Count} pairs = {perPair:F1} B per pair; snapshot {snapshotBytes:N0} B ({(double)snapshotBytes / n:F1} B per parameter)");
        }
    }
}

// One OpenAI-ES update for growing parameter counts: time, and noise bytes read per second against copy bandwidth.
using Es.Core.Noise;
using Es.Core.Optimizers;
using Es.Core.Strategies;

namespace Es.Bench;

internal static class UpdateBenchmark
{
    public static void Run(bool quick)
    {
        const int population = 1000;
        int[] sizes = quick ? [10_000] : [10_000, 100_000, 1_000_000];
        NoiseTable noise = NoiseTable.Create(123, quick ? 1 << 22 : 1 << 25);
        double bandwidth = Measure.CopyBandwidth(quick ? 1 << 24 : 1 << 28);
        Console.WriteLine($"memory copy bandwidth: {bandwidth / 1e9:F1} GB/s (read + write)");
        foreach (int n in sizes)
        {
            var es = new OpenAiEs(new OpenAiEsOptions { PopulationSize = population }, new float[n], noise, 1);
            var random = new System.Random(20230828);
            double[] fitness = Enumerable.Range(0, population).Select(_ => random.NextDouble()).ToArray();
            NoiseStepUpdate update = es.ComputeUpdate(fitness);
            var gradient = new float[n];
            double seconds = Measure.Best(quick ? 1 : 3, () =>
                Es.Core.Numerics.NoiseWeightedSum.Compute(noise.AsSpan(), update.NoiseIndices, update.Weights, gradient));
            double total = Measure.Best(quick ? 1 : 3, () =>
            {
                var fresh = new OpenAiEs(new OpenAiEsOptions { PopulationSize = population }, new float[n], noise, 1);
                fresh.Tell(fitness);
            });
            double noiseBytes = (double)update.NoiseIndices.Length * n * sizeof(float);
            Console.WriteLine($"n = {n,9:N0}, P = {population}: weighted sum {seconds * 1e3,7:F1} ms, whole update {total * 1e3,7:F1} ms; noise read {noiseBytes / seconds / 1e9:F1} GB/s = {noiseBytes / seconds / bandwidth:F2} x copy bandwidth");
        }
    }
}

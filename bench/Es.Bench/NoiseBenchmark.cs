// How long the shared noise table takes to build, on one thread and on all cores.
using Es.Core.Noise;

namespace Es.Bench;

internal static class NoiseBenchmark
{
    public static void Run(bool quick)
    {
        int size = quick ? 1 << 20 : 1 << 25;
        NoiseTable.Create(1, 1 << 20); // JIT and tables
        double single = Measure.Best(3, () => NoiseTable.Create(123, size, maxDegreeOfParallelism: 1));
        double parallel = Measure.Best(3, () => NoiseTable.Create(123, size));
        Console.WriteLine($"noise table {size:N0} values: {single * 1e3:F0} ms on 1 thread, {parallel * 1e3:F0} ms on {Environment.ProcessorCount} cores ({size / parallel / 1e6:F0} M values/s)");
    }
}

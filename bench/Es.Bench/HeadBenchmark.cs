// How many nodes one head can feed: results/s and generation latency with instant evaluators (a test function) on 1, 4, 16 and 64 worker nodes over Akka.Remote.
using System.Globalization;
using Es.Core.Configuration;

namespace Es.Bench;

internal static class HeadBenchmark
{
    /// <summary>A run whose evaluation is instant: the sphere test function (10 parameters), so the head and the wire are all that is measured.</summary>
    private static EsSettings Settings(int population, int generations) => SettingsLoader.Parse(string.Create(CultureInfo.InvariantCulture, $$"""
        es {
          run { seed = 3, max-generations = {{generations}} }
          env { id = sphere, dimension = 10 }
          strategy.population = {{population}}
          evaluation.every = 0
          noise.size = 1M
        }
        """), "head-bench.conf");

    public static void Run(bool quick)
    {
        int population = quick ? 200 : 2000;
        int generations = quick ? 3 : 20;
        int[] nodeCounts = quick ? [1, 4] : [1, 4, 16, 64];
        EsSettings settings = Settings(population, generations);
        ClusterRollout.Run(Settings(population, 2), 1); // warm-up: JIT, remoting
        Console.WriteLine($"head capacity, instant evaluators (sphere, P = {population} pairs, {generations} generations; one evaluator per worker node; every node its own ActorSystem in this process, over Akka.Remote on loopback):");
        foreach (int nodes in nodeCounts)
        {
            ClusterRollout.Result r = ClusterRollout.Run(settings, nodes);
            double pairs = (double)population * generations;
            Console.WriteLine($"  {nodes,3} worker node(s): {pairs / r.GenerationSeconds,10:N0} results/s over generation times ({pairs / r.Seconds:N0} over the whole run, {r.Seconds:F2} s); generation latency {1000 * r.GenerationSeconds / generations:F1} ms; {r.Cores:F2} cores busy");
        }
        Console.WriteLine($"  load average (1 min) at the end: {RolloutBenchmark.LoadAverage()}");
    }
}

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
        Console.WriteLine($"head capacity, instant evaluators (sphere, P = {population} pairs, {generations} generations; one evaluator per worker node; every node its own ActorSystem in this process, over Akka.Remote on loopback; the head starts first, then the workers join it):");
        foreach (int nodes in nodeCounts)
        {
            // Dozens of actor systems in one process on a small machine miss each other's heartbeats
            // while they start; the failure detector is made patient so that no node is downed for
            // it: this measures how many results one head takes in, not failure detection.
            string patient = nodes > 16
                ? "akka.cluster.failure-detector.acceptable-heartbeat-pause = 60s\nakka.cluster.split-brain-resolver.stable-after = 60s"
                : "";
            ClusterRollout.Result r = ClusterRollout.Run(settings, nodes, extraAkka: patient);
            double pairs = (double)population * r.LaterGenerations;
            Console.WriteLine($"  {nodes,3} worker node(s): {pairs / r.LaterGenerationSeconds,10:N0} results/s; generation latency {1000 * r.LaterGenerationSeconds / r.LaterGenerations:F1} ms "
                + $"(generations 2-{generations}; the first, with the nodes joining, took {r.FirstGenerationSeconds:F2} s; the run {r.Seconds:F2} s); {r.Cores:F2} cores busy");
        }
        Console.WriteLine($"  load average (1 min) at the end: {RolloutBenchmark.LoadAverage()}");
    }
}

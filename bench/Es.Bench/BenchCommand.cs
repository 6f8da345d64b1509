// Dispatches `es-bench <name> [--quick]` to the benchmarks and prints their results.
namespace Es.Bench;

/// <summary>The command line of the benchmark runner.</summary>
internal static class BenchCommand
{
    private static readonly Dictionary<string, Action<bool>> Benchmarks = new(StringComparer.Ordinal)
    {
        ["noise"] = NoiseBenchmark.Run,
        ["policy"] = PolicyBenchmark.Run,
        ["conv"] = ConvBenchmark.Run,
        ["update"] = UpdateBenchmark.Run,
        ["rollout"] = RolloutBenchmark.Run,
        ["lockstep"] = LockstepBenchmark.Run,
        ["sincos"] = SinCosBenchmark.Run,
        ["wire"] = WireBenchmark.Run,
        ["head"] = HeadBenchmark.Run,
        ["peer"] = PeerBenchmark.Run,
        ["mujoco"] = MuJoCoBenchmark.Run,
        ["solve"] = SolveBenchmark.Run,
    };

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        string[] names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (names.Length == 0 || names.Contains("all")) names = Benchmarks.Keys.ToArray();
        foreach (string name in names)
        {
            if (!Benchmarks.TryGetValue(name, out Action<bool>? run))
            {
                Console.Error.WriteLine($"es-bench: unknown benchmark '{name}'; known: {string.Join(", ", Benchmarks.Keys)}, all");
                return 2;
            }
            Console.WriteLine($"== {name}{(quick ? " (quick)" : "")}");
            run(quick);
        }
        return 0;
    }
}

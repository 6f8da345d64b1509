// Steps per second per core of one episode at a time against lockstep rollouts (the same episodes, the same bits), and each against the core's limit.
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Es.Core.Configuration;
using Es.Core.Evaluation;
using Es.Core.Strategies;
using Es.Core.Training;

namespace Es.Bench;

/// <summary>
/// For each task, one thread evaluates generation 0's training tasks (θ₀ of the run seed, the
/// shipped or named policy) again and again, first task by task through
/// <see cref="PairEvaluator.Evaluate"/>, then as one batch through
/// <see cref="PairEvaluator.EvaluateMany"/> in lockstep, and prints both rates and their ratio.
/// The limit of a step is the larger of its multiply-adds at the core's measured rate of
/// separate vector multiplies and adds (the kernels may not fuse them: rule 4) and its weight
/// bytes at the measured cache read bandwidth; each rate is printed as a fraction of it.
/// </summary>
internal static class LockstepBenchmark
{
    private sealed record Case(string Name, string File, string[] Overrides, string? PeerTask = null);

    private const string PeerScript = "bench/peer/vectorized_numpy.py";

    // PyTorch-ES style and batched torch (Debian's python3-torch); skipped with the reason when torch is missing.
    private const string TorchScript = "bench/peer/torch_es.py";

    private static readonly Case[] Cases =
    [
        new("CartPole-v1, shipped linear", "hocon/tasks/cartpole.conf", []),
        new("CartPole-v1, MLP 4-64-64-2", "hocon/tasks/cartpole.conf", ["es.policy.type = mlp", "es.policy.hidden = [64, 64]", "es.strategy.population = 256"], "cartpole"),
        new("CartPole-v1, MLP 4-64-64-2, 8 lanes", "hocon/tasks/cartpole.conf", ["es.policy.type = mlp", "es.policy.hidden = [64, 64]", "es.strategy.population = 256", "es.rollouts.lanes = 8"]),
        new("Pendulum-v1, shipped MLP 16-16", "hocon/tasks/pendulum.conf", [], "pendulum"),
        new("Acrobot-v1, shipped linear", "hocon/tasks/acrobot.conf", []),
        new("Arm-v0, shipped MLP 32-32", "hocon/tasks/arm.conf", []),
    ];

    // ES_BENCH_GENERATION=N measures generation N's tasks, trained to it by the library loop (the
    // same θ whatever the lanes or the build): a first generation's episodes end early, later ones
    // last to the step limit, which is where a training run spends most of its steps.
    private static int GenerationMeasured =>
        int.TryParse(Environment.GetEnvironmentVariable("ES_BENCH_GENERATION"), CultureInfo.InvariantCulture, out int g) && g > 0 ? g : 0;

    public static void Run(bool quick)
    {
        if (RepoFiles.Find(Cases[0].File) is null)
        {
            Console.WriteLine($"lockstep: skipped, {Cases[0].File} not found above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}");
            return;
        }
        long steps = quick ? 20_000 : 2_000_000;
        int repeats = quick ? 1 : 5;
        (double macs, double vectorWidth) = MultiplyAddRate(quick);
        double tanhRate = TanhRate(quick);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"lockstep: 1 thread, generation {GenerationMeasured}'s training tasks of each task's settings, per CPU-second; limits: {macs / 1e9:F1} G separate multiply+add/s ({vectorWidth}-float vectors), {tanhRate / 1e9:F2} G exact tanh/s (PolicyKernels.Tanh on 1024 floats), cache read bandwidth below"));
        // ES_BENCH_CASE=<prefix> runs only the matching cases (to profile one: see docs/benchmarks.md);
        // ES_BENCH_CASE=solve only the time to solve Pendulum-v1.
        string? only = Environment.GetEnvironmentVariable("ES_BENCH_CASE");
        if (!quick && (only is null || only == "solve")) SolvePendulum();
        foreach (Case c in Cases.Where(c => only is null || c.Name.StartsWith(only, StringComparison.Ordinal)))
        {
            // ES_BENCH_LANES=<n> sets es.rollouts.lanes for every case (to compare lane counts).
            string? lanesOverride = Environment.GetEnvironmentVariable("ES_BENCH_LANES");
            EsSettings settings = SettingsLoader.Load(RepoFiles.Find(c.File)!, [.. c.Overrides, "es.evaluation.every = 0", "es.evaluation.episodes = null", .. lanesOverride is null ? Array.Empty<string>() : [$"es.rollouts.lanes = {lanesOverride}"]]);
            TrainingSetup setup = TrainingSetup.FromSettings(settings);
            LocalTrainer trainer = setup.CreateLocalTrainer(1);
            while (trainer.Learner.Generation < GenerationMeasured) trainer.RunGeneration();
            Learner learner = trainer.Learner;
            PairEvaluator evaluator = setup.CreateEvaluator();
            IReadOnlyList<EvaluationTask> tasks = learner.Tasks();
            ICandidateSampler sampler = learner.Strategy.Sampler();
            long batchSteps = 0;
            // Warm-up (JIT tiers) and the batch size in steps.
            for (int i = 0; i < (quick ? 1 : 3); i++)
            {
                batchSteps = evaluator.EvaluateMany(sampler, learner.Normalizer, tasks).Sum(r => r.Steps);
                foreach (EvaluationTask t in tasks) evaluator.Evaluate(sampler, learner.Normalizer, t);
            }
            int batches = (int)Math.Max(1, steps / batchSteps);
            // Interleaved rounds, best of each, in CPU seconds of this process: the machine is shared,
            // and a core's rate is what the issue asks for.
            double oneSeconds = double.MaxValue, manySeconds = double.MaxValue;
            for (int round = 0; round < repeats; round++)
            {
                oneSeconds = Math.Min(oneSeconds, Measure.CpuSeconds(() =>
                {
                    for (int b = 0; b < batches; b++)
                        foreach (EvaluationTask t in tasks) evaluator.Evaluate(sampler, learner.Normalizer, t);
                }));
                manySeconds = Math.Min(manySeconds, Measure.CpuSeconds(() =>
                {
                    for (int b = 0; b < batches; b++) evaluator.EvaluateMany(sampler, learner.Normalizer, tasks);
                }));
            }
            double one = batches * batchSteps / oneSeconds, many = batches * batchSteps / manySeconds;
            int[] layers = LayerSizes(setup);
            long stepMacs = 0;
            for (int l = 0; l + 1 < layers.Length; l++) stepMacs += (long)layers[l] * layers[l + 1];
            long weightBytes = 4L * setup.Dimension;
            double bandwidth = ReadBandwidth(weightBytes * setup.Lanes, quick);
            // One episode reads one lane's weights, which may sit in a faster cache than all lanes'.
            double bandwidthOne = setup.Lanes == 1 || weightBytes <= LockstepRollouts.MaxLaneBytes ? bandwidth : ReadBandwidth(weightBytes, quick);
            long stepTanh = setup.Policy!.Activation == Es.Core.Policies.Activation.Tanh ? layers[1..^1].Sum() : 0;
            if (setup.Environment!.ActionSpace is Es.Core.Environments.BoxSpace) stepTanh += layers[^1];
            double macLimit = macs / stepMacs, byteLimit = bandwidth / weightBytes, tanhLimit = stepTanh == 0 ? double.PositiveInfinity : tanhRate / stepTanh;
            double limit = Math.Min(macLimit, byteLimit);
            string binding = macLimit <= byteLimit ? "multiply-adds" : "cache bandwidth";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {c.Name,-38} {setup.Dimension,5} params, {setup.Lanes,2} lanes, mean episode {batchSteps / (double)(tasks.Count * sampler.CandidatesPerTask * settings.Strategy.EpisodesPerCandidate),5:F0} steps: one episode {one / 1e6,6:F2} M steps/s, lockstep {many / 1e6,6:F2} M steps/s = {many / one,5:F2} x"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {"",-38} limit {limit / 1e6,7:F1} M steps/s ({binding}: {stepMacs} multiply-adds, {weightBytes} B of weights a step; {bandwidth / 1e9:F0} GB/s over {weightBytes * setup.Lanes / 1024} KiB): one episode {one / limit:P1}, lockstep {many / limit:P1}"));
            if (setup.Lanes > 1 && weightBytes > LockstepRollouts.MaxLaneBytes && bandwidthOne / weightBytes < macLimit)
            {
                // The limit of one lane's weights alone (a smaller, faster cache): the lower bound of what any lane count could reach.
                double limitOne = bandwidthOne / weightBytes;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {"",-38} limit {limitOne / 1e6,7:F1} M steps/s reading one lane's weights ({bandwidthOne / 1e9:F0} GB/s over {weightBytes / 1024} KiB): one episode {one / limitOne:P1}, lockstep {many / limitOne:P1}"));
            }
            if (c.PeerTask is not null)
            {
                Peer(PeerScript, "vectorized numpy peer", "4096 lanes, each its own weights, 1 core, CPU time", "numpy", [], quick ? 40_000 : 2_000_000, c.PeerTask, one, many);
                Peer(TorchScript, "torch peer, EvolutionModule style", "a member at a time, a forward per step, 1 thread, CPU time", "torch", [], quick ? 4_000 : 200_000, c.PeerTask, one, many);
                Peer(TorchScript, "torch peer, batched", "4096 lanes, bmm with each lane's weights, 1 thread, CPU time", "torch batched", ["--batched"], quick ? 40_000 : 2_000_000, c.PeerTask, one, many);
            }
            if (stepTanh > 0)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {"",-38} exact tanh alone {tanhLimit / 1e6,7:F1} M steps/s ({stepTanh} tanh a step): lockstep {many / tanhLimit:P1} of it"));
        }
    }

    /// <summary>Runs one peer script on <paramref name="task"/> and prints its rate beside lockstep's (<paramref name="many"/>) and one episode's (<paramref name="one"/>), or why it was skipped.</summary>
    private static void Peer(string path, string name, string detail, string shortName, string[] extra, int steps, string task, double one, double many)
    {
        string? script = RepoFiles.Find(path);
        string why = $"{path} not found";
        double? peer = script is null ? null : PeerBenchmark.RunPython(script, ["--task", task, "--steps", steps.ToString(CultureInfo.InvariantCulture), .. extra], out why);
        Console.WriteLine(peer is { } p
            ? string.Create(CultureInfo.InvariantCulture, $"  {"",-38} {name} ({detail}): {p / 1e6:F3} M steps/s; lockstep / {shortName} = {many / p:F1} x, one episode / {shortName} = {one / p:F1} x")
            : $"  {"",-38} {name}: skipped, {why}");
    }

    private static int[] LayerSizes(TrainingSetup setup) =>
        [.. new Es.Core.Policies.Policy(setup.Policy!, setup.Environment!).LayerSizes];

    /// <summary>
    /// Pendulum-v1 solved by the plain library loop (<see cref="LocalTrainer"/>) with one thread
    /// per core, one episode at a time against lockstep: wall seconds to the goal, median of seeds
    /// 1-3, and the final θ of both (the same bits, or the line says otherwise).
    /// </summary>
    private static void SolvePendulum()
    {
        string path = RepoFiles.Find("hocon/tasks/pendulum.conf")!;
        int threads = Environment.ProcessorCount;
        var seconds = new Dictionary<int, List<double>> { [1] = [], [0] = [] };
        var cpuSeconds = new Dictionary<int, List<double>> { [1] = [], [0] = [] };
        bool same = true;
        foreach (ulong seed in new ulong[] { 1, 2, 3 })
        {
            string? hash = null;
            foreach (int lanes in new[] { 1, 0 })
            {
                EsSettings settings = SettingsLoader.Load(path, [$"es.run.seed = {seed}", $"es.rollouts.lanes = {lanes}"]);
                LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(threads);
                long start = System.Diagnostics.Stopwatch.GetTimestamp();
                StopReason reason = default;
                double cpu = Measure.CpuSeconds(() => reason = trainer.Train(new StopRule(settings.Run)));
                double wall = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
                seconds[lanes].Add(wall);
                cpuSeconds[lanes].Add(cpu);
                string h = Es.Core.Numerics.ParameterHash.Sha256Hex(trainer.Learner.Parameters);
                same &= hash is null || hash == h;
                hash = h;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    seed {seed}, {(lanes == 1 ? "one episode" : "lockstep   ")}: {wall,6:F2} s ({cpu,6:F2} CPU s), {trainer.Learner.Generation,4} generations, stop {reason}, θ sha256 {h[..16]}"));
            }
        }
        double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  Pendulum-v1 solved by the library loop, {threads} threads, median of 3 seeds: one episode {Median(seconds[1]):F2} s, lockstep {Median(seconds[0]):F2} s = {Median(seconds[1]) / Median(seconds[0]):F2} x (target <= 2 s); CPU seconds of the process (both threads) one episode {Median(cpuSeconds[1]):F2} s, lockstep {Median(cpuSeconds[0]):F2} s; final θ {(same ? "the same bits" : "DIFFERENT")}"));
    }

    /// <summary>Elements per second of <see cref="Es.Core.Policies.PolicyKernels.Tanh"/> over a 1024-float buffer in place (as a lockstep layer of 64 units × 16 lanes), values in the unsaturated range.</summary>
    private static double TanhRate(bool quick)
    {
        var buffer = new float[1024];
        var random = new System.Random(1);
        var source = Enumerable.Range(0, buffer.Length).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        int passes = quick ? 2_000 : 100_000;
        // Three timed repeats after three untimed ones, so the kernel is past the JIT's tiers.
        double seconds = Measure.Best(6, () =>
        {
            for (int p = 0; p < passes; p++)
            {
                source.CopyTo(buffer, 0);
                Es.Core.Policies.PolicyKernels.Tanh(buffer, buffer);
            }
        });
        return passes * (double)buffer.Length / seconds;
    }

    /// <summary>Separate vector multiplies and adds per second (counted per float lane) on one core, eight independent chains as the kernels keep.</summary>
    private static (double Rate, int Width) MultiplyAddRate(bool quick)
    {
        int iterations = quick ? 1_000_000 : 20_000_000;
        if (Vector512.IsHardwareAccelerated)
        {
            double seconds = Measure.Best(3, () => Chains512(iterations));
            return (iterations * 8.0 * 16 / seconds, 16);
        }
        double s256 = Measure.Best(3, () => Chains256(iterations));
        return (iterations * 8.0 * 8 / s256, 8);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains512(int iterations)
    {
        var x = Vector512.Create(1.0000001f);
        Vector512<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x;
        var w = Vector512.Create(0.9999999f);
        for (int i = 0; i < iterations; i++)
        {
            a0 += x * w; a1 += x * w; a2 += x * w; a3 += x * w;
            a4 += x * w; a5 += x * w; a6 += x * w; a7 += x * w;
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Chains256(int iterations)
    {
        var x = Vector256.Create(1.0000001f);
        Vector256<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x;
        var w = Vector256.Create(0.9999999f);
        for (int i = 0; i < iterations; i++)
        {
            a0 += x * w; a1 += x * w; a2 += x * w; a3 += x * w;
            a4 += x * w; a5 += x * w; a6 += x * w; a7 += x * w;
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }

    /// <summary>Bytes per second one core reads from a buffer of <paramref name="bytes"/> (at least 16 KiB), summed with vector loads, as a lockstep step reads every lane's weights.</summary>
    /// <remarks>
    /// The buffer starts on a 64-byte line (as the lanes' weights do), the sums keep eight chains
    /// (four left the loop waiting on add latency, not on loads), and the loops are compiled fully
    /// optimized from their first call: a pass over a small buffer is too short for on-stack
    /// replacement, so the tiered JIT left all three timed repeats in tier-0 code and the figure
    /// swung from 33 to 230 GB/s from one run to the next.
    /// </remarks>
    private static double ReadBandwidth(long bytes, bool quick)
    {
        int floats = (int)Math.Max(4096, bytes / 4) / 128 * 128;
        float[] buffer = GC.AllocateArray<float>(floats + 16, pinned: true);
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(buffer, System.Runtime.InteropServices.GCHandleType.Pinned);
        int offset = (int)((64 - handle.AddrOfPinnedObject() % 64) % 64 / 4);
        handle.Free(); // the array is allocated pinned: its address stays
        Array.Fill(buffer, 1f);
        long total = quick ? 50_000_000 : 2_000_000_000;
        int passes = (int)Math.Max(1, total / (4L * floats));
        double seconds = Measure.Best(3, () =>
        {
            for (int p = 0; p < passes; p++)
            {
                if (Vector512.IsHardwareAccelerated) Sum512(buffer, offset, floats);
                else Sum256(buffer, offset, floats);
            }
        });
        return passes * 4.0 * floats / seconds;
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Sum512(float[] buffer, int offset, int length)
    {
        ref float r = ref Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(buffer), offset);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int i = 0; i + 128 <= length; i += 128)
        {
            a0 += Vector512.LoadUnsafe(ref r, (nuint)i);
            a1 += Vector512.LoadUnsafe(ref r, (nuint)(i + 16));
            a2 += Vector512.LoadUnsafe(ref r, (nuint)(i + 32));
            a3 += Vector512.LoadUnsafe(ref r, (nuint)(i + 48));
            a4 += Vector512.LoadUnsafe(ref r, (nuint)(i + 64));
            a5 += Vector512.LoadUnsafe(ref r, (nuint)(i + 80));
            a6 += Vector512.LoadUnsafe(ref r, (nuint)(i + 96));
            a7 += Vector512.LoadUnsafe(ref r, (nuint)(i + 112));
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Sum256(float[] buffer, int offset, int length)
    {
        ref float r = ref Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(buffer), offset);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int i = 0; i + 64 <= length; i += 64)
        {
            a0 += Vector256.LoadUnsafe(ref r, (nuint)i);
            a1 += Vector256.LoadUnsafe(ref r, (nuint)(i + 8));
            a2 += Vector256.LoadUnsafe(ref r, (nuint)(i + 16));
            a3 += Vector256.LoadUnsafe(ref r, (nuint)(i + 24));
            a4 += Vector256.LoadUnsafe(ref r, (nuint)(i + 32));
            a5 += Vector256.LoadUnsafe(ref r, (nuint)(i + 40));
            a6 += Vector256.LoadUnsafe(ref r, (nuint)(i + 48));
            a7 += Vector256.LoadUnsafe(ref r, (nuint)(i + 56));
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }
}

// Environment steps per second of CartPole with an MLP 4-64-64-2: a raw library loop against single-process actors with 1 and 2 evaluators, and a head with 2 worker nodes over Akka.Remote on loopback (ActorSystems of this process).
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
    public static double RawStepsPerSecond(long steps, int repeats, int threads = 1)
    {
        TrainingSetup setup = TrainingSetup.FromSettings(Settings(1000, 1));
        PairEvaluator[] evaluators = Enumerable.Range(0, threads).Select(_ => setup.CreateEvaluator()).ToArray();
        Learner learner = setup.CreateLearner();
        IReadOnlyList<EvaluationTask> tasks = learner.Tasks();
        var sampler = learner.Strategy.Sampler();
        var normalizer = learner.Normalizer;
        var done = new long[threads];
        double seconds = Measure.Best(repeats, () =>
        {
            // Each thread runs its share of the steps over its own stride of the tasks.
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                long count = 0;
                for (int i = t; count < steps / threads; i = (i + threads) % tasks.Count)
                    count += evaluators[t].Evaluate(sampler, normalizer, tasks[i]).Steps;
                done[t] = count;
            });
        });
        return done.Sum() / seconds;
    }

    /// <summary>Steps per second of the plain library loop (<see cref="LocalTrainer"/>) on the very settings of the actor runs: the same episodes, bit for bit.</summary>
    private static (double StepsPerSecond, double Cores) LibraryStepsPerSecond(EsSettings settings, int threads)
    {
        LocalTrainer trainer = TrainingSetup.FromSettings(settings).CreateLocalTrainer(threads);
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        StopReason reason = trainer.Train(new StopRule(settings.Run));
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (reason != StopReason.GenerationBudget) throw new InvalidOperationException($"the library loop stopped with {reason}");
        return (trainer.Learner.TotalTimesteps / wall, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / wall);
    }

    /// <summary>Steps per second of a whole single-process run (actors, in-memory fabric): total timesteps over wall time.</summary>
    private static (double Wall, double Generations, double Cores) ActorStepsPerSecond(EsSettings settings, int evaluators)
    {
        var observer = new RunMetricsObserver();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        RunOutcome outcome = SingleProcessRun.RunAsync(new RunOptions(settings) { Evaluators = evaluators, Observer = observer }).GetAwaiter().GetResult();
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (outcome.Reason != StopReason.GenerationBudget)
            throw new InvalidOperationException($"the rollout run stopped with {outcome.Reason}: {outcome.Error}");
        return (observer.Timesteps / wall, observer.Timesteps / observer.GenerationSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / wall);
    }

    public static void Run(bool quick)
    {
        long rawSteps = quick ? 5_000 : 2_000_000;
        // ES_BENCH_POPULATION=<P> measures every path at another population (the default 1,000 keeps the run short).
        int population = int.TryParse(Environment.GetEnvironmentVariable("ES_BENCH_POPULATION"), out int p) && p >= 2 ? p : 1000;
        EsSettings settings = quick ? Settings(20, 2) : Settings(population, 8);
        // Warm-up: noise table, thread pool, remoting, and the JIT: with tiered PGO the
        // first full-size runs of a process still run instrumented code and compile the optimized
        // tier on a background thread (one b1 run measured 2.3 s, the next ones 1.1 s).
        EsSettings warmup = quick ? Settings(20, 2) : Settings(1000, 4);
        ActorStepsPerSecond(warmup, 1);
        ActorStepsPerSecond(warmup, 2);
        LibraryStepsPerSecond(warmup, 2);
        double fixedTheta = RawStepsPerSecond(rawSteps, quick ? 1 : 3);
        (double StepsPerSecond, double Cores) a = (0, 0), a2 = (0, 0);
        (double Wall, double Generations, double Cores) one = (0, 0, 0), two = (0, 0, 0);
        ClusterRollout.Result? c = null;
        // The cluster path's code (remoting, serialization, the actors) reaches its optimized tier over
        // several runs: after one warm-up run the JIT's background compiler still took 0.03-0.18
        // core-s of a measured window of ~1 core-s; three leave it at 0-0.03.
        for (int w = 0; w < (quick ? 1 : 3); w++) ClusterRollout.Run(warmup, 2);
        var rounds = new List<string>();
        for (int i = 0; i < (quick ? 1 : 5); i++)
        {
            // Interleaved, best of each: the machine is shared.
            var la = LibraryStepsPerSecond(settings, 1);
            var la2 = LibraryStepsPerSecond(settings, 2);
            var b1 = ActorStepsPerSecond(settings, 1);
            var b2 = ActorStepsPerSecond(settings, 2);
            ClusterRollout.Result lc = ClusterRollout.Run(settings, 2);
            if (la.StepsPerSecond > a.StepsPerSecond) a = la;
            if (la2.StepsPerSecond > a2.StepsPerSecond) a2 = la2;
            if (b1.Wall > one.Wall) one = b1;
            if (b2.Wall > two.Wall) two = b2;
            if (c is null || lc.Steady > c.Steady) c = lc;
            rounds.Add($"{lc.Steady / la.StepsPerSecond:F2} (JIT {lc.Cpu.Jit:F2})");
        }
        Console.WriteLine($"rollout CartPole-v1, MLP 4-64-64-2 tanh (P = {settings.Strategy.Population}, {settings.Run.MaxGenerations} generations, the same episodes in every run):");
        Console.WriteLine($"  raw loop, fixed θ0, 1 thread:          {fixedTheta / 1e6,6:F3} M steps/s (short episodes of the untrained policy)");
        Console.WriteLine($"  (a) library loop, 1 thread:            {a.StepsPerSecond / 1e6,6:F3} M steps/s ({a.Cores:F2} cores busy)");
        Console.WriteLine($"  (a2) library loop, 2 threads:          {a2.StepsPerSecond / 1e6,6:F3} M steps/s ({a2.Cores:F2} cores busy)  a2/a = {a2.StepsPerSecond / a.StepsPerSecond:F2} (what this machine gives 2 threads now)");
        Console.WriteLine($"  (b1) actors, 1 evaluator:              {one.Wall / 1e6,6:F3} M steps/s ({one.Cores:F2} cores busy; {one.Generations / 1e6:F3} over generation times)  b1/a = {one.Wall / a.StepsPerSecond:F2} (target >= 0.95)");
        Console.WriteLine($"  (b2) actors, 2 evaluators:             {two.Wall / 1e6,6:F3} M steps/s ({two.Cores:F2} cores busy; {two.Generations / 1e6:F3} over generation times)  b2/a = {two.Wall / a.StepsPerSecond:F2} (target >= 1.8, {Environment.ProcessorCount} cores); b2/a2 = {two.Wall / a2.StepsPerSecond:F2}");
        // The wall time of (c) includes forming the cluster (seed join, ~1-5 s) and leaving it: the generations' own times are the rate.
        Console.WriteLine($"  (c) head + 2 workers, Akka.Remote:     {c!.Steady / 1e6,6:F3} M steps/s over generations 2-{c.LaterGenerations + 1} (the first, with the workers joining, took {c.FirstGenerationSeconds:F2} s; {c.Wall / 1e6:F3} over the whole run with joining and leaving, {c.Cores:F2} cores busy)  c/a = {c.Steady / a.StepsPerSecond:F2} (target >= 1.7); c/a2 = {c.Steady / a2.StepsPerSecond:F2}");
        Console.WriteLine($"  (c) each round's c/a against that round's (a), with the JIT's core-s in its window: {string.Join(", ", rounds)}");
        {
            // Where the cores went in the best (c) run: the evaluators' share of 2 cores bounds (c).
            CpuAccount u = c.Cpu;
            double machine = Environment.ProcessorCount * c.LaterGenerationSeconds;
            Console.WriteLine($"  (c) CPU over generations 2-{c.LaterGenerations + 1} of that run ({c.LaterGenerationSeconds:F3} s wall x {Environment.ProcessorCount} cores = {machine:F2} core-s): evaluators {u.Evaluators:F2} s, JIT compiler {u.Jit:F2} s, the nodes' other threads {u.Others:F2} s; idle {Math.Max(0, machine - u.Total):F2} core-s");
        }
        // On a shared machine the scheduler may give a single thread much less than a core, which
        // inflates every wall ratio against (a): the work per CPU-second does not depend on that.
        double perCpuA = a.StepsPerSecond / a.Cores;
        Console.WriteLine($"  per CPU-second of this process (M steps): (a) {perCpuA / 1e6:F3}, (a2) {a2.StepsPerSecond / a2.Cores / 1e6:F3}, (b1) {one.Wall / one.Cores / 1e6:F3} = {one.Wall / one.Cores / perCpuA:F2} x (a), (b2) {two.Wall / two.Cores / 1e6:F3} = {two.Wall / two.Cores / perCpuA:F2} x (a), (c) {c.Wall / c.Cores / 1e6:F3} = {c.Wall / c.Cores / perCpuA:F2} x (a)");
        if (a.Cores < 0.95)
            Console.WriteLine($"  note: (a) got only {a.Cores:F2} of a core: the machine is loaded, so the wall ratios above overstate what the actors would reach on an idle machine");
        Console.WriteLine($"  load average (1 min) at the end: {LoadAverage()}");
    }

    /// <summary>The 1-minute load average from /proc/loadavg, or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}

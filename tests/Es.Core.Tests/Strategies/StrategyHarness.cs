// Shared loops of the strategy tests: plain ask/tell loops on a test function, CartPole through LocalTrainer, and the contract checks every strategy keeps.
using Es.Core.Configuration;
using Es.Core.Noise;
using Es.Core.Objectives;
using Es.Core.Strategies;
using Es.Core.Training;
using Xunit.Abstractions;

namespace Es.Core.Tests.Strategies;

internal static class StrategyHarness
{
    /// <summary>The noise table of the strategy tests (4M values, seed 123, like OpenAiEsTests).</summary>
    public static readonly NoiseTable Noise = NoiseTable.Create(123, 1 << 22);

    /// <summary>Runs ask/tell with fitness −f until a candidate reaches f &lt; <paramref name="target"/> or <paramref name="maxEvaluations"/> are spent.</summary>
    public static LoopResult Minimize(IStrategy strategy, IObjective objective, long maxEvaluations, double target)
    {
        var x = new float[strategy.Dimension];
        double best = double.PositiveInfinity;
        long evaluations = 0, generations = 0;
        long? toTarget = null;
        while (evaluations < maxEvaluations && toTarget is null)
        {
            IReadOnlyList<Candidate> population = strategy.Ask();
            var fitness = new double[population.Count];
            for (int i = 0; i < population.Count; i++)
            {
                strategy.Materialize(population[i], x);
                double f = objective.Evaluate(x);
                evaluations++;
                fitness[i] = -f;
                best = Math.Min(best, f);
                if (f < target && toTarget is null) toTarget = evaluations;
            }
            strategy.Tell(fitness);
            generations++;
        }
        return new LoopResult(best, objective.Evaluate(strategy.Center), evaluations, generations, toTarget);
    }

    /// <summary>Tells <paramref name="generations"/> generations of −f.</summary>
    public static void Step(IStrategy strategy, IObjective objective, int generations)
    {
        for (int g = 0; g < generations; g++) Step(strategy, objective);
    }

    /// <summary>Evaluates every candidate of the current generation on <paramref name="objective"/> (fitness = −f).</summary>
    public static double[] Evaluate(IStrategy strategy, IObjective objective)
    {
        IReadOnlyList<Candidate> candidates = strategy.Ask();
        var x = new float[strategy.Dimension];
        var fitness = new double[candidates.Count];
        for (int i = 0; i < candidates.Count; i++)
        {
            strategy.Materialize(candidates[i], x);
            fitness[i] = -objective.Evaluate(x);
        }
        return fitness;
    }

    /// <summary>One ask/tell generation.</summary>
    public static TellResult Step(IStrategy strategy, IObjective objective) => strategy.Tell(Evaluate(strategy, objective));

    /// <summary>
    /// Runs ask/tell until f(center) ≤ <paramref name="tolerance"/> or <paramref name="maxGenerations"/> pass.
    /// Returns the generations used (−1 when the tolerance was not reached), the candidate evaluations and the final f(center).
    /// </summary>
    public static (int Generations, long Evaluations, double Value) Solve(IStrategy strategy, IObjective objective, double tolerance, int maxGenerations)
    {
        long evaluations = 0;
        for (int g = 0; g < maxGenerations; g++)
        {
            double value = objective.Evaluate(strategy.Center);
            if (value <= tolerance) return (g, evaluations, value);
            Step(strategy, objective);
            evaluations += strategy.PopulationSize;
        }
        double last = objective.Evaluate(strategy.Center);
        return (last <= tolerance ? maxGenerations : -1, evaluations, last);
    }

    /// <summary>A start of <paramref name="n"/> values uniform in [0, 1), fixed by <paramref name="seed"/>.</summary>
    public static float[] UniformStart(int n, int seed)
    {
        var random = new System.Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)random.NextDouble()).ToArray();
    }

    /// <summary>
    /// Trains until the run's stop rule, then judges the policy on 100 episodes of unseen seeds:
    /// the run must stop on its goal and the 100 episodes must average at least 475.
    /// </summary>
    /// <param name="trainer">The trainer, with its strategy.</param>
    /// <param name="run">The run settings (goal, budget).</param>
    /// <param name="output">Where the progress and the verdict are written.</param>
    /// <param name="label">Names the strategy in the verdict line.</param>
    /// <param name="progress">A line per generation, or null for none.</param>
    public static void AssertSolvesCartPole(LocalTrainer trainer, RunSettings run, ITestOutputHelper output, string label, Func<GenerationReport, string>? progress = null)
    {
        StopReason reason = trainer.Train(new StopRule(run), progress is null ? null : g => output.WriteLine(progress(g)));
        EvaluationSummary full = trainer.Evaluate(100, seedGeneration: 1_000_000);
        output.WriteLine($"{label}: {reason} at generation {trainer.Learner.Generation} ({trainer.Learner.TotalEpisodes} training episodes, {trainer.Learner.TotalTimesteps} steps); 100 fresh episodes: {full.Mean:F1} ± {full.Std:F1}");
        Assert.Equal(StopReason.Goal, reason);
        Assert.True(full.Mean >= 475, $"mean over 100 evaluation episodes is {full.Mean:F1}, below 475");
    }

    /// <summary>A local trainer around <paramref name="create"/>'s strategy, with every other piece built from the HOCON settings as TrainingSetup builds them.</summary>
    public static (LocalTrainer Trainer, EsSettings Settings) CreateTrainer(string hocon, Func<TrainingSetup, IStrategy> create, int threads = 2)
    {
        EsSettings settings = SettingsLoader.Parse(hocon, "gradient-strategy-test.conf");
        TrainingSetup setup = TrainingSetup.FromSettings(settings);
        return (setup.CreateLocalTrainer(create(setup), threads), settings);
    }

    /// <summary>Every candidate the sampler rebuilds has the strategy's own bits, and the sampler's center is the strategy's.</summary>
    public static void AssertSamplerMatchesMaterialize(IStrategy strategy)
    {
        ICandidateSampler sampler = strategy.Sampler();
        Assert.Same(sampler, strategy.Sampler());
        Assert.Equal(strategy.Generation, sampler.Generation);
        Assert.Equal(strategy.PopulationSize / strategy.TaskCount, sampler.CandidatesPerTask);
        Assert.Equal(strategy.Center.ToArray(), sampler.Center.ToArray());
        var a = new float[strategy.Dimension];
        var b = new float[strategy.Dimension];
        foreach (Candidate c in strategy.Ask())
        {
            strategy.Materialize(c, a);
            sampler.Materialize(c, b);
            Assert.True(a.AsSpan().SequenceEqual(b), $"candidate {c} differs between the sampler and Materialize");
        }
    }

    /// <summary>Candidates of task j are (j, index, +1) [then (j, index, −1)], in task order, and Ask() is cached.</summary>
    public static void AssertCandidateShape(IStrategy strategy)
    {
        IReadOnlyList<Candidate> c = strategy.Ask();
        int perTask = strategy.PopulationSize / strategy.TaskCount;
        Assert.Equal(strategy.PopulationSize, c.Count);
        Assert.Equal(strategy.PopulationSize, perTask * strategy.TaskCount);
        for (int j = 0; j < strategy.TaskCount; j++)
        {
            Assert.Equal(new Candidate(j, c[perTask * j].NoiseIndex, +1), c[perTask * j]);
            if (perTask == 2) Assert.Equal(new Candidate(j, c[2 * j].NoiseIndex, -1), c[2 * j + 1]);
        }
        Assert.Same(c, strategy.Ask());
    }

    /// <summary>
    /// Saving at generation <paramref name="split"/> and loading into a fresh instance continues to
    /// the same bits as an uninterrupted run, in both the center and the next generation's candidates.
    /// </summary>
    public static void AssertSaveLoadContinues(Func<IStrategy> create, IObjective objective, int split, int total)
    {
        IStrategy straight = create();
        Step(straight, objective, total);

        IStrategy first = create();
        Step(first, objective, split);
        StrategyState saved = first.SaveState();
        Assert.Equal(split, saved.Generation);
        IStrategy resumed = create();
        resumed.LoadState(saved);
        Assert.Equal(first.Center.ToArray(), resumed.Center.ToArray());
        Step(resumed, objective, total - split);

        Assert.Equal(total, resumed.Generation);
        Assert.Equal(straight.Center.ToArray(), resumed.Center.ToArray());
        Assert.Equal(straight.SaveState().Extra, resumed.SaveState().Extra);
        var a = new float[objective.Dimension];
        var b = new float[objective.Dimension];
        Candidate c = straight.Ask()[^1];
        straight.Materialize(c, a);
        resumed.Materialize(c, b);
        Assert.Equal(a, b);
    }

    /// <summary>A replica that applies the leader's published updates holds the same bits, and refuses an update of another generation.</summary>
    public static void AssertReplicaFollows(Func<IStrategy> create, IObjective objective, int generations)
    {
        IStrategy leader = create();
        IStrategy replica = create();
        var x = new float[objective.Dimension];
        for (int g = 0; g < generations; g++)
        {
            IReadOnlyList<Candidate> population = leader.Ask();
            var fitness = new double[population.Count];
            for (int i = 0; i < population.Count; i++)
            {
                leader.Materialize(population[i], x);
                fitness[i] = -objective.Evaluate(x);
            }
            TellResult told = leader.Tell(fitness);
            Assert.IsType<FitnessUpdate>(told.Update);
            replica.Apply(told.Update);
            Assert.Equal(leader.Center.ToArray(), replica.Center.ToArray());
        }
        Assert.Equal(leader.SaveState().Extra, replica.SaveState().Extra);
        Assert.Throws<InvalidOperationException>(() => replica.Apply(new FitnessUpdate(generations + 5, [0], [1.0])));
    }

    /// <summary>
    /// A generation cut short (only the even tasks completed) still updates, identically on a
    /// replica, and refuses malformed task lists.
    /// </summary>
    public static void AssertPartialUpdateWorks(Func<IStrategy> create, IObjective objective)
    {
        IStrategy leader = create();
        IStrategy replica = create();
        int perTask = leader.PopulationSize / leader.TaskCount;
        var x = new float[objective.Dimension];
        for (int g = 0; g < 3; g++)
        {
            IReadOnlyList<Candidate> population = leader.Ask();
            int[] tasks = Enumerable.Range(0, leader.TaskCount).Where(j => j % 2 == 0).ToArray();
            var fitness = new double[tasks.Length * perTask];
            for (int k = 0; k < tasks.Length; k++)
            {
                for (int s = 0; s < perTask; s++)
                {
                    leader.Materialize(population[perTask * tasks[k] + s], x);
                    fitness[perTask * k + s] = -objective.Evaluate(x);
                }
            }
            StrategyUpdate update = leader.ComputeUpdate(fitness, tasks);
            FitnessUpdate f = Assert.IsType<FitnessUpdate>(update);
            Assert.Equal(tasks, f.Tasks);
            leader.Apply(update);
            replica.Apply(update);
            Assert.Equal(g + 1, leader.Generation);
            Assert.Equal(leader.Center.ToArray(), replica.Center.ToArray());
            Assert.All(leader.Center.ToArray(), v => Assert.True(float.IsFinite(v)));
        }
        Assert.Contains("ascending", Assert.Throws<ArgumentException>(() => leader.ComputeUpdate(new double[2 * perTask], [1, 0])).Message);
        Assert.Contains("not a task", Assert.Throws<ArgumentException>(() => leader.ComputeUpdate(new double[perTask], [leader.TaskCount])).Message);
        Assert.Contains("expected", Assert.Throws<ArgumentException>(() => leader.ComputeUpdate(new double[perTask + 1], [0])).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => leader.ComputeUpdate(Enumerable.Repeat(double.NaN, perTask).ToArray(), [0])).Message);
        Assert.Throws<ArgumentException>(() => leader.Tell(new double[leader.PopulationSize + 1]));
    }

    /// <summary>CartPole-v1 settings with a linear policy; the strategy block of the settings is not used.</summary>
    public static EsSettings CartPoleSettings(ulong seed) => SettingsLoader.Parse($$"""
        es {
          run { seed = {{seed}}, goal-return = 475, goal-consecutive = 2, max-generations = 60 }
          env.id = CartPole-v1
          policy.type = linear
          normalization.enabled = true
          noise.size = 1M
          evaluation { every = 1, episodes = 10 }
        }
        """, "cartpole-strategy-test.conf");

    /// <summary>A local trainer around <paramref name="strategy"/>, built as TrainingSetup builds its own.</summary>
    public static LocalTrainer CartPoleTrainer(TrainingSetup setup, IStrategy strategy, int threads = 2) => setup.CreateLocalTrainer(strategy, threads);
    /// <summary>
    /// A CartPole run checkpointed to bytes after 3 generations and restored into a fresh learner
    /// (another thread count) ends generation 6 with the same bits as an uninterrupted run.
    /// </summary>
    public static void AssertCheckpointResumesCartPole(Func<TrainingSetup, IStrategy> create)
    {
        TrainingSetup setup = TrainingSetup.FromSettings(CartPoleSettings(2));
        LocalTrainer straight = CartPoleTrainer(setup, create(setup));
        for (int g = 0; g < 6; g++) straight.RunGeneration();

        LocalTrainer first = CartPoleTrainer(setup, create(setup));
        for (int g = 0; g < 3; g++) first.RunGeneration();
        byte[] bytes = Es.Core.Checkpoints.CheckpointFile.Serialize(first.Learner.ToCheckpoint("CartPole-v1", double.NaN, setup.Settings.ToHocon()));

        LocalTrainer resumed = CartPoleTrainer(setup, create(setup), threads: 1);
        resumed.Learner.Restore(Es.Core.Checkpoints.CheckpointFile.Deserialize(bytes, "memory"));
        for (int g = 3; g < 6; g++) resumed.RunGeneration();

        Assert.Equal(straight.Learner.Parameters.ToArray(), resumed.Learner.Parameters.ToArray());
        Assert.Equal(straight.Learner.Strategy.SaveState().Extra, resumed.Learner.Strategy.SaveState().Extra);
    }
}

// The contract PEPG, SNES and ARS share with every strategy: same inputs give the same bits, the sampler agrees with the
// strategy, checkpoints continue exactly, replicas replay updates, partial generations work, bad input is refused.
using Es.Core.Objectives;
using Es.Core.Optimizers;
using Es.Core.Strategies;
using Es.Core.Training;

namespace Es.Core.Tests.Strategies;

public class GradientStrategyContractTests
{
    private const int Dimension = 12;

    public static TheoryData<string> Kinds => new() { "pepg", "snes", "snes-mirrored", "ars-v1", "ars-v2t" };

    /// <summary>A small instance of each strategy; learning-rate decay on for PEPG so its decayed rate is part of what must survive a checkpoint.</summary>
    private static IStrategy Create(string kind, ulong seed, float[]? start = null)
    {
        float[] theta = start ?? Enumerable.Range(0, Dimension).Select(i => 0.5f - 0.1f * i).ToArray();
        return kind switch
        {
            "pepg" => new Pepg(new PepgOptions { PopulationSize = 16, LearningRateDecay = 0.99, LearningRateLimit = 0.001 }, theta, StrategyHarness.Noise, seed),
            "snes" => new Snes(new SnesOptions(), theta, StrategyHarness.Noise, seed),
            "snes-mirrored" => new Snes(new SnesOptions { PopulationSize = 12, Mirrored = true }, theta, StrategyHarness.Noise, seed),
            "ars-v1" => new Ars(new ArsOptions { Variant = ArsVariant.V1 }, theta, StrategyHarness.Noise, seed),
            "ars-v2t" => new Ars(new ArsOptions(), theta, StrategyHarness.Noise, seed),
            _ => throw new ArgumentException(kind),
        };
    }

    private static readonly IObjective Rosenbrock = ObjectiveRegistry.Create("rosenbrock", Dimension);

    private static float[] Run(IStrategy strategy, int generations)
    {
        for (int g = 0; g < generations; g++) StrategyHarness.Step(strategy, Rosenbrock);
        return strategy.Center.ToArray();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SameSeed_GivesBitIdenticalParameters_DifferentSeed_DifferentOnes(string kind)
    {
        float[] a = Run(Create(kind, 7), 15);
        float[] b = Run(Create(kind, 7), 15);
        float[] c = Run(Create(kind, 8), 15);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sampler_RebuildsEveryCandidate_WithTheStrategysBits_AndStaysFrozenAfterTheGenerationAdvances(string kind)
    {
        IStrategy strategy = Create(kind, 3);
        Run(strategy, 3);
        ICandidateSampler sampler = strategy.Sampler();
        Assert.Same(sampler, strategy.Sampler());
        Assert.Equal(strategy.Generation, sampler.Generation);
        Assert.Equal(strategy.PopulationSize / strategy.TaskCount, sampler.CandidatesPerTask);
        Assert.Equal(strategy.Center.ToArray(), sampler.Center.ToArray());
        IReadOnlyList<Candidate> candidates = strategy.Ask();
        var expected = new float[candidates.Count][];
        var fromStrategy = new float[Dimension];
        var fromSampler = new float[Dimension];
        for (int i = 0; i < candidates.Count; i++)
        {
            strategy.Materialize(candidates[i], fromStrategy);
            sampler.Materialize(candidates[i], fromSampler);
            Assert.Equal(fromStrategy, fromSampler);
            expected[i] = (float[])fromSampler.Clone();
        }
        StrategyHarness.Step(strategy, Rosenbrock);
        Assert.NotEqual(expected[0], strategy.Center.ToArray());
        for (int i = 0; i < candidates.Count; i++)
        {
            sampler.Materialize(candidates[i], fromSampler);
            Assert.Equal(expected[i], fromSampler);
        }
        Assert.NotSame(sampler, strategy.Sampler());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Ask_NamesTasksInOrder_MirroredPairsShareTheirNoiseIndex_AndNoiseIndicesDependOnTheSeedAndGenerationOnly(string kind)
    {
        IStrategy strategy = Create(kind, 5);
        IReadOnlyList<Candidate> c = strategy.Ask();
        Assert.Same(c, strategy.Ask());
        int perTask = strategy.PopulationSize / strategy.TaskCount;
        Assert.Equal(strategy.PopulationSize, c.Count);
        for (int j = 0; j < strategy.TaskCount; j++)
        {
            Assert.Equal(j, c[perTask * j].Pair);
            Assert.Equal(+1, c[perTask * j].Sign);
            if (perTask == 2)
            {
                Assert.Equal(c[2 * j].NoiseIndex, c[2 * j + 1].NoiseIndex);
                Assert.Equal(j, c[2 * j + 1].Pair);
                Assert.Equal(-1, c[2 * j + 1].Sign);
            }
        }
        // A strategy that learned something else still asks for the same noise in generation 0.
        IStrategy other = Create(kind, 5, start: new float[Dimension]);
        Assert.Equal(c.Select(x => x.NoiseIndex), other.Ask().Select(x => x.NoiseIndex));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void SaveAndLoadState_ContinueExactly(string kind)
    {
        IStrategy straight = Create(kind, 11);
        Run(straight, 20);

        IStrategy first = Create(kind, 11);
        Run(first, 8);
        StrategyState saved = first.SaveState();
        Assert.Equal(kind.StartsWith("snes", StringComparison.Ordinal) ? "snes" : kind, saved.Name);
        Assert.Equal(8, saved.Generation);
        IStrategy resumed = Create(kind, 11, start: new float[Dimension]);
        resumed.LoadState(saved);
        Run(resumed, 12);
        Run(first, 12);

        Assert.Equal(straight.Center.ToArray(), resumed.Center.ToArray());
        Assert.Equal(straight.Center.ToArray(), first.Center.ToArray());
        Assert.Equal(straight.SaveState().Extra, resumed.SaveState().Extra);
        Assert.Equal(straight.Generation, resumed.Generation);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Replica_ApplyingPublishedUpdates_ReachesTheSameBits_AndRefusesAnotherGeneration(string kind)
    {
        IStrategy leader = Create(kind, 3);
        IStrategy replica = Create(kind, 3);
        for (int g = 0; g < 10; g++)
        {
            TellResult told = StrategyHarness.Step(leader, Rosenbrock);
            Assert.IsType<FitnessUpdate>(told.Update);
            TellReport report = replica.Apply(told.Update);
            Assert.Equal(told.Report, report);
        }
        Assert.Equal(leader.Center.ToArray(), replica.Center.ToArray());
        Assert.Equal(leader.SaveState().Extra, replica.SaveState().Extra);
        int perTask = leader.PopulationSize / leader.TaskCount;
        Assert.Throws<InvalidOperationException>(() => replica.Apply(new FitnessUpdate(3, [0], new double[perTask])));
        Assert.Throws<ArgumentException>(() => replica.Apply(new NoiseStepUpdate(replica.Generation, [0], [1f])));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PartialGeneration_LearnsFromTheCompletedTasks_AndReplicasReplayIt(string kind)
    {
        IStrategy leader = Create(kind, 9);
        IStrategy replica = Create(kind, 9);
        int perTask = leader.PopulationSize / leader.TaskCount;
        double start = Rosenbrock.Evaluate(leader.Center);
        for (int g = 0; g < 40; g++)
        {
            double[] all = StrategyHarness.Evaluate(leader, Rosenbrock);
            // A cut-off that lost every third task: learn from the others only.
            int[] tasks = Enumerable.Range(0, leader.TaskCount).Where(j => j % 3 != 1).ToArray();
            double[] fitness = tasks.SelectMany(j => all.Skip(perTask * j).Take(perTask)).ToArray();
            StrategyUpdate update = leader.ComputeUpdate(fitness, tasks);
            var replay = Assert.IsType<FitnessUpdate>(update);
            Assert.Equal(tasks, replay.Tasks);
            Assert.Equal(fitness, replay.Fitness);
            Assert.NotSame(fitness, replay.Fitness);
            leader.Apply(update);
            replica.Apply(update);
        }
        Assert.Equal(leader.Center.ToArray(), replica.Center.ToArray());
        double end = Rosenbrock.Evaluate(leader.Center);
        Assert.True(end < start, $"40 partial generations moved f from {start} to {end}; expected progress");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Tell_And_ComputeUpdate_RefuseWrongCounts_UnorderedOrUnknownTasks_AndNonFiniteFitness(string kind)
    {
        IStrategy s = Create(kind, 1);
        int perTask = s.PopulationSize / s.TaskCount;
        Assert.Contains("expected", Assert.Throws<ArgumentException>(() => s.Tell(new double[s.PopulationSize - 1])).Message);
        var nan = new double[s.PopulationSize];
        nan[1] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => s.Tell(nan)).Message);
        Assert.Contains("ascending", Assert.Throws<ArgumentException>(() => s.ComputeUpdate(new double[2 * perTask], [1, 0])).Message);
        Assert.Contains("not a task", Assert.Throws<ArgumentException>(() => s.ComputeUpdate(new double[perTask], [s.TaskCount])).Message);
        Assert.Contains("nothing to learn", Assert.Throws<ArgumentException>(() => s.ComputeUpdate([], [])).Message);
        Assert.Contains("fitnesses", Assert.Throws<ArgumentException>(() => s.ComputeUpdate(new double[perTask + 1], [0])).Message);
        Assert.Equal(0, s.Generation);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void LoadState_RefusesAnotherStrategysState_OrAnotherDimension(string kind)
    {
        IStrategy s = Create(kind, 1);
        StrategyState own = s.SaveState();
        var foreign = new StrategyState("openai-es", 0, new float[Dimension], new OptimizerState("adam", 0, [new float[Dimension], new float[Dimension]]));
        Assert.Contains("openai-es", Assert.Throws<ArgumentException>(() => s.LoadState(foreign)).Message);
        StrategyState shorter = own with { Center = new float[Dimension - 1] };
        Assert.Contains("parameters", Assert.Throws<ArgumentException>(() => s.LoadState(shorter)).Message);
    }

    /// <summary>The whole path a run takes: LocalTrainer on CartPole, a checkpoint file written and read back, then the same generations as an undisturbed run.</summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void ResumingFromACheckpointFile_ContinuesALocalTrainerRunExactly(string kind)
    {
        const string hocon = """
            es {
              run.seed = 5
              env.id = CartPole-v1
              policy { type = mlp, hidden = [8] }
              noise.size = 1M
              evaluation.every = 0
            }
            """;
        IStrategy Create(TrainingSetup setup) => kind switch
        {
            "pepg" => new Pepg(new PepgOptions { PopulationSize = 16, LearningRateDecay = 0.99, LearningRateLimit = 0.001 }, setup.InitialParameters(), setup.Noise, setup.RunSeed),
            "snes" => new Snes(new SnesOptions(), setup.InitialParameters(), setup.Noise, setup.RunSeed),
            "snes-mirrored" => new Snes(new SnesOptions { PopulationSize = 12, Mirrored = true }, setup.InitialParameters(), setup.Noise, setup.RunSeed),
            "ars-v1" => new Ars(new ArsOptions { Variant = ArsVariant.V1 }, setup.InitialParameters(), setup.Noise, setup.RunSeed),
            _ => new Ars(new ArsOptions(), setup.InitialParameters(), setup.Noise, setup.RunSeed),
        };
        var (straight, settings) = StrategyHarness.CreateTrainer(hocon, Create);
        for (int g = 0; g < 6; g++) straight.RunGeneration();

        var (first, _) = StrategyHarness.CreateTrainer(hocon, Create);
        for (int g = 0; g < 3; g++) first.RunGeneration();
        byte[] bytes = Es.Core.Checkpoints.CheckpointFile.Serialize(first.Learner.ToCheckpoint("CartPole-v1", double.NaN, settings.ToHocon()));

        var (resumed, _) = StrategyHarness.CreateTrainer(hocon, Create, threads: 1);
        resumed.Learner.Restore(Es.Core.Checkpoints.CheckpointFile.Deserialize(bytes, "memory"));
        for (int g = 3; g < 6; g++) resumed.RunGeneration();

        Assert.Equal(straight.Learner.Parameters.ToArray(), resumed.Learner.Parameters.ToArray());
        Assert.Equal(straight.Learner.Strategy.SaveState().Extra, resumed.Learner.Strategy.SaveState().Extra);
        Assert.Equal(straight.Learner.Normalizer.Mean, resumed.Learner.Normalizer.Mean);
    }
}
